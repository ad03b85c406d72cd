package site

import (
	"slices"
	"strconv"
	"strings"

	"github.com/countyperf/portal/generator/internal/report"
)

// Kind is a kind of department, such as 教育 or 文化旅游: what a
// department does, whatever its county calls it. Ranks compare a
// whole-department report with the reports of its kind alone (see
// Report.Peers): spending differs tenfold between kinds, so that a
// 档案馆 ranked among 教育局 is last every year whatever it spends.
type Kind struct {
	// Name is the kind's Chinese name: 文化旅游 for 文化广电和旅游局 and
	// 文旅局, or, for a department the table of kinds does not know,
	// the department's own name.
	Name string
	// Known says that the table of kinds names the kind; an unknown
	// department is a kind of its own, shared only with departments of
	// the same name.
	Known bool
}

// Label names the kind's departments in a sentence: 教育部门 for a
// kind of the table, the department's name (档案室) for one it does not
// know.
func (k Kind) Label() string {
	if k.Known {
		return k.Name + "部门"
	}
	return k.Name
}

// kinds is the table of department kinds, each with the words that name
// its departments in one county or another. A department is of the first
// kind one of whose words its name contains, so that the order settles
// the names two kinds' words would both match: 教育和体育局 is of 教育.
// The words are those of the departments of the synthetic corpus
// (corpus.departments), of the bundled reports and of the names counties
// have used for them since the 2018 reform and before it.
var kinds = [...]struct {
	name  string
	words []string
}{
	{"教育", []string{"教育", "教体"}},
	{"文化旅游", []string{"文化旅游", "文化广电", "文化和旅游", "文化体育", "文体广", "文旅", "旅游"}},
	{"卫生健康", []string{"卫生健康", "卫生和计划生育", "卫生计生", "卫健", "卫计"}},
	{"人力资源社会保障", []string{"人力资源和社会保障", "人力资源社会保障", "人社"}},
	{"住房城乡建设", []string{"住房和城乡建设", "住房城乡建设", "住建", "城乡建设"}},
	{"自然资源", []string{"自然资源", "国土资源"}},
	{"市场监管", []string{"市场监督管理", "市场监管", "市场和质量监督"}},
	{"发展改革", []string{"发展和改革", "发展改革", "发改"}},
	{"工业信息化", []string{"工业和信息化", "工业信息化", "工信", "经济和信息化", "经济信息化", "经信"}},
	{"财政", []string{"财政"}},
	{"民政", []string{"民政"}},
	{"农业农村", []string{"农业农村", "农业和农村", "农业局", "农村工作"}},
	{"乡村振兴", []string{"乡村振兴", "扶贫"}},
	{"交通运输", []string{"交通运输", "交通局"}},
	{"水利", []string{"水利", "水务"}},
	{"林业", []string{"林业"}},
	{"生态环境", []string{"生态环境", "环境保护", "环保"}},
	{"应急管理", []string{"应急管理", "安全生产监督"}},
	{"城市管理", []string{"城市管理", "城管", "综合行政执法", "综合执法"}},
	{"医疗保障", []string{"医疗保障", "医保"}},
	{"退役军人事务", []string{"退役军人"}},
	{"司法", []string{"司法"}},
	{"公安", []string{"公安"}},
	{"审计", []string{"审计"}},
	{"统计", []string{"统计"}},
	{"商务", []string{"商务"}},
	{"科学技术", []string{"科学技术", "科技"}},
	{"行政审批", []string{"行政审批", "政务服务"}},
	{"机关事务", []string{"机关事务"}},
	{"档案", []string{"档案"}},
	{"融媒体", []string{"融媒体"}},
}

// DepartmentKind returns the kind of the department of that name (see
// Kind): the first kind of the table whose words the name contains
// (文化旅游 for 文化旅游广电体育局, 文化广电和旅游局, 文化和旅游局 and
// 文旅局 alike), and for a name the table does not know, a kind of its
// own named by the name, spaces trimmed, so that departments of one name
// in several counties are still one kind.
func DepartmentKind(department string) Kind {
	for _, k := range kinds {
		for _, w := range k.words {
			if strings.Contains(department, w) {
				return Kind{Name: k.name, Known: true}
			}
		}
	}
	return Kind{Name: strings.TrimSpace(department)}
}

// Peers are the reports a report is ranked among: those of its year and
// type and, for whole-department reports, of its kind of department. A
// 项目支出 report evaluates one project, whatever its department does,
// and is ranked among every 项目支出 report of its year, its Kind being
// the zero Kind.
type Peers struct {
	Year int
	Type string
	Kind Kind
	// Slug names the kind in the URL of its compare page (see
	// Site.Kinds), unique among the site's kinds; "" for 项目支出 reports.
	Slug string
	// Reports are the peers, the report among them, in the order of
	// Site.Reports.
	Reports []*Report
	// Alone says that the peers are every 整体支出 report of their year:
	// the year's reports are of one kind, whose comparison is the year's.
	Alone bool
}

// Label says in a sentence which reports the peers are:
// 2021年各县教育部门的整体支出报告, or 2021年全部项目支出报告.
func (p *Peers) Label() string {
	return strconv.Itoa(p.Year) + "年" + p.Among()
}

// Among says which reports of a year the peers are, as Label does
// without the year: 各县教育部门的整体支出报告, or 全部项目支出报告.
func (p *Peers) Among() string {
	if p.Type != report.TypeWhole {
		return "全部" + p.Type + "报告"
	}
	return "各县" + p.Kind.Label() + "的" + p.Type + "报告"
}

// groupPeers sets each report's Peers and the site's Kinds, and returns
// every group of peers, in the order of their first report.
func (s *Site) groupPeers() []*Peers {
	type key struct {
		year      int
		typ, kind string
	}
	groups := map[key]*Peers{}
	var all []*Peers
	kindOf := map[string]Kind{} // by department: a site names few
	kindNames := map[string]bool{}
	for _, r := range s.Reports {
		var ok bool
		if r.DepartmentKind, ok = kindOf[r.Department]; !ok {
			r.DepartmentKind = DepartmentKind(r.Department)
			kindOf[r.Department] = r.DepartmentKind
		}
		var kind Kind // of the peers: none for 项目支出 reports
		if r.Type == report.TypeWhole {
			kind = r.DepartmentKind
			kindNames[kind.Name] = true
		}
		k := key{r.Year, r.Type, kind.Name}
		p := groups[k]
		if p == nil {
			p = &Peers{Year: r.Year, Type: r.Type, Kind: kind}
			groups[k] = p
			all = append(all, p)
		}
		p.Reports = append(p.Reports, r)
		r.Peers = p
	}
	// A kind's slug is the same in every year; two kinds whose names
	// read alike are told apart by -2, -3, … in the order of their names.
	names := make([]string, 0, len(kindNames))
	for n := range kindNames {
		names = append(names, n)
	}
	SortNames(names)
	slugOf := make(map[string]string, len(names))
	used := make(map[string]bool, len(names))
	for _, n := range names {
		sl := Slugify(n)
		for i := 2; used[sl]; i++ {
			sl = Slugify(n) + "-" + strconv.Itoa(i)
		}
		used[sl] = true
		slugOf[n] = sl
	}
	s.Kinds = map[int][]*Peers{}
	for _, p := range all {
		if p.Type != report.TypeWhole {
			continue
		}
		p.Slug = slugOf[p.Kind.Name]
		s.Kinds[p.Year] = append(s.Kinds[p.Year], p)
	}
	for _, ps := range s.Kinds {
		slices.SortFunc(ps, func(a, b *Peers) int { return CompareNames(a.Kind.Name, b.Kind.Name) })
		ps[0].Alone = len(ps) == 1
	}
	return all
}
