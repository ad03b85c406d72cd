package build

import (
	"fmt"
	"os"
	"path/filepath"
)

// InsideProject says, when the folder root is no project (it holds no
// content/ folder) but lies inside one, as when a command is run in
// content/, a folder of it or templates/, that it does and how to run the
// command on the project: in its folder, or with -root. A project is a
// folder holding content/ and templates/. It returns "" otherwise.
func InsideProject(root string) string {
	if isDir(filepath.Join(root, "content")) {
		return ""
	}
	abs, err := filepath.Abs(root)
	if err != nil {
		return ""
	}
	for dir := filepath.Dir(abs); ; dir = filepath.Dir(dir) {
		if isDir(filepath.Join(dir, "content")) && isDir(filepath.Join(dir, "templates")) {
			// The project as the command would name it from here.
			at := dir
			if wd, err := os.Getwd(); err == nil {
				if rel, err := filepath.Rel(wd, dir); err == nil {
					at = rel
				}
			}
			return fmt.Sprintf("%s is inside the project %s, not a project itself: run the command in %[2]s (cd %[2]s), or give -root %[2]s "+
				"(%[1]s 在项目文件夹 %[2]s 之内，本身不是项目文件夹：请到项目文件夹中运行（cd %[2]s），或加上 -root %[2]s)", root, at)
		}
		if filepath.Dir(dir) == dir {
			return ""
		}
	}
}

// isDir reports whether path is a folder, or a link to one.
func isDir(path string) bool {
	info, err := os.Stat(path)
	return err == nil && info.IsDir()
}
