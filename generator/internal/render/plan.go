package render

import (
	"errors"
	"fmt"
	"html/template"
	"reflect"
	"sync"
	"sync/atomic"
	"text/template/parse"
)

// A plan is a page's template reduced to the steps its execution takes,
// for templates made only of text, "section" and "shared" calls,
// "template" calls on dot, and "if" on a string or true/false field of
// the View: the bundled report and county templates, which are most of
// a site's pages. Running a plan writes the same bytes as executing the
// template, without text/template's reflective call per action and
// escaper (a tenth of a 15,000-report build's CPU).
//
// A plan is made from the template as html/template escaped it, so its
// text is the escaped text and its actions are known to be in HTML text
// context, where the escaper passes the HTML that "section" and "shared"
// return as it is. A template with any other node has no plan; a branch
// of an "if" with one is a step that hands the page back to the
// template. So does any error: the template then renders the page again
// and reports the error as it always did.
type plan []step

// stepKind is what a step of a plan does.
type stepKind uint8

const (
	// stepText writes text.
	stepText stepKind = iota
	// stepSection calls the "section" function named text on the View.
	stepSection
	// stepShared writes the shared part of the layout named text.
	stepShared
	// stepIf runs then when the View's field is non-empty (a string) or
	// true, else els.
	stepIf
	// stepTemplate stands for a node the plan cannot run: the page is
	// rendered by executing the template instead.
	stepTemplate
)

type step struct {
	kind stepKind
	// text is the text to write, or the name of the section or shared
	// part.
	text string
	// field is the index of the View's field that an "if" tests.
	field     int
	then, els plan
}

// errUseTemplate reports that a plan reached a step it cannot run.
var errUseTemplate = errors.New("render: the page needs its template")

// maxPlanDepth bounds how deeply "template" calls are followed when a
// plan is made; deeper templates are executed instead.
const maxPlanDepth = 8

// htmlEscaper is the name html/template gives the escaper it adds to an
// action in HTML text context.
const htmlEscaper = "_html_template_htmlescaper"

var viewType = reflect.TypeFor[View]()

// planSlot holds a page template's plan, made after the template has
// rendered a page (html/template escapes a template when it first
// executes it).
type planSlot struct {
	once sync.Once
	// plan is nil until made, and when the template has none.
	plan atomic.Pointer[plan]
}

// build makes the plan of the template name in t, once.
func (s *planSlot) build(t *template.Template, name string) {
	s.once.Do(func() {
		if p := makePlan(t, name); p != nil {
			s.plan.Store(&p)
		}
	})
}

// makePlan returns the plan of the template name in t, which html/template
// must have escaped already (executed once), or nil when the template has
// a node a plan cannot run.
func makePlan(t *template.Template, name string) plan {
	p, ok := planOf(t, name, 0)
	if !ok {
		return nil
	}
	return p
}

func planOf(t *template.Template, name string, depth int) (plan, bool) {
	tt := t.Lookup(name)
	if tt == nil || tt.Tree == nil || tt.Tree.Root == nil || depth > maxPlanDepth {
		return nil, false
	}
	return planList(t, tt.Tree.Root, depth)
}

func planList(t *template.Template, list *parse.ListNode, depth int) (plan, bool) {
	var p plan
	if list == nil {
		return p, true
	}
	for _, n := range list.Nodes {
		switch n := n.(type) {
		case *parse.TextNode:
			if len(p) > 0 && p[len(p)-1].kind == stepText {
				p[len(p)-1].text += string(n.Text)
			} else {
				p = append(p, step{kind: stepText, text: string(n.Text)})
			}
		case *parse.ActionNode:
			s, ok := planAction(n.Pipe)
			if !ok {
				return nil, false
			}
			p = append(p, s)
		case *parse.TemplateNode:
			if !isDot(n.Pipe) {
				return nil, false
			}
			sub, ok := planOf(t, n.Name, depth+1)
			if !ok {
				return nil, false
			}
			for _, s := range sub {
				if s.kind == stepText && len(p) > 0 && p[len(p)-1].kind == stepText {
					p[len(p)-1].text += s.text
				} else {
					p = append(p, s)
				}
			}
		case *parse.IfNode:
			field, ok := viewField(n.Pipe)
			if !ok {
				return nil, false
			}
			s := step{kind: stepIf, field: field}
			s.then = planBranch(t, n.List, depth)
			s.els = planBranch(t, n.ElseList, depth)
			p = append(p, s)
		default:
			return nil, false
		}
	}
	return p, true
}

// planBranch returns the plan of a branch of an "if", or a step that
// hands the page to its template when the branch has none.
func planBranch(t *template.Template, list *parse.ListNode, depth int) plan {
	p, ok := planList(t, list, depth)
	if !ok {
		return plan{{kind: stepTemplate}}
	}
	return p
}

// planAction returns the step of an action that calls "section" with a
// name and dot, or "shared" with a name and .Layout, followed by the
// escaper html/template adds in HTML text context.
func planAction(pipe *parse.PipeNode) (step, bool) {
	if pipe == nil || len(pipe.Decl) > 0 || len(pipe.Cmds) != 2 {
		return step{}, false
	}
	esc := pipe.Cmds[1].Args
	if len(esc) != 1 {
		return step{}, false
	}
	if id, ok := esc[0].(*parse.IdentifierNode); !ok || id.Ident != htmlEscaper {
		return step{}, false
	}
	args := pipe.Cmds[0].Args
	if len(args) != 3 {
		return step{}, false
	}
	fn, ok := args[0].(*parse.IdentifierNode)
	if !ok {
		return step{}, false
	}
	name, ok := args[1].(*parse.StringNode)
	if !ok {
		return step{}, false
	}
	switch fn.Ident {
	case "section":
		if _, ok := args[2].(*parse.DotNode); ok {
			return step{kind: stepSection, text: name.Text}, true
		}
	case "shared":
		if f, ok := args[2].(*parse.FieldNode); ok && len(f.Ident) == 1 && f.Ident[0] == "Layout" {
			return step{kind: stepShared, text: name.Text}, true
		}
	}
	return step{}, false
}

// isDot reports whether pipe is dot alone.
func isDot(pipe *parse.PipeNode) bool {
	if pipe == nil || len(pipe.Decl) > 0 || len(pipe.Cmds) != 1 || len(pipe.Cmds[0].Args) != 1 {
		return false
	}
	_, ok := pipe.Cmds[0].Args[0].(*parse.DotNode)
	return ok
}

// viewField returns the index of the View's field that pipe is alone, a
// string or a true/false field.
func viewField(pipe *parse.PipeNode) (int, bool) {
	if pipe == nil || len(pipe.Decl) > 0 || len(pipe.Cmds) != 1 || len(pipe.Cmds[0].Args) != 1 {
		return 0, false
	}
	f, ok := pipe.Cmds[0].Args[0].(*parse.FieldNode)
	if !ok || len(f.Ident) != 1 {
		return 0, false
	}
	sf, ok := viewType.FieldByName(f.Ident[0])
	if !ok || len(sf.Index) != 1 || !sf.IsExported() {
		return 0, false
	}
	switch sf.Type.Kind() {
	case reflect.String, reflect.Bool:
		return sf.Index[0], true
	}
	return 0, false
}

// truth reports whether the View's field i is non-empty or true, as
// "if" does.
func truth(v *View, i int) bool {
	f := reflect.ValueOf(v).Elem().Field(i)
	if f.Kind() == reflect.Bool {
		return f.Bool()
	}
	return f.Len() > 0
}

// run writes the page into v.Out by the plan. It returns an error, with
// part of the page written, when a step cannot be run or fails; the
// caller then executes the template instead.
func (r *Renderer) run(p plan, v *View) (err error) {
	defer func() {
		if e := recover(); e != nil {
			err = fmt.Errorf("render: %v", e)
		}
	}()
	return r.steps(p, v)
}

func (r *Renderer) steps(p plan, v *View) error {
	for i := range p {
		s := &p[i]
		switch s.kind {
		case stepText:
			v.Out.WriteString(s.text)
		case stepSection:
			if _, err := r.section(s.text, v); err != nil {
				return err
			}
		case stepShared:
			h, err := r.sharedPart(s.text, v.Layout)
			if err != nil {
				return err
			}
			v.Out.WriteString(string(h))
		case stepIf:
			branch := s.els
			if truth(v, s.field) {
				branch = s.then
			}
			if err := r.steps(branch, v); err != nil {
				return err
			}
		default:
			return errUseTemplate
		}
	}
	return nil
}
