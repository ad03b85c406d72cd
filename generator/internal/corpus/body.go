package corpus

import (
	"bytes"
	"fmt"
	"math/rand/v2"
	"strconv"
	"strings"
)

// The body's text is drawn from these pools; {C} is the county, {D} the
// department, {W} its line of work, {Y} the year and {P} the prefecture.
var (
	introPool = []string{
		"{C}{D}是{C}人民政府工作部门，为正科级行政单位，主要负责全县{W}工作。",
		"{D}贯彻落实党中央、国务院和省、市关于{W}的方针政策和决策部署，在县委、县政府领导下开展工作。",
		"单位内设办公室、财务股、法规股、业务股等股室，另有下属事业单位若干个，均纳入本部门决算编制范围。",
		"本部门为一级预算单位，实行独立核算，执行政府会计制度。",
		"{Y}年，单位围绕县委、县政府中心工作，认真履行部门职责，各项工作有序推进。",
	}
	workPool = []string{
		"全年围绕{W}重点任务，细化分解年度目标，明确责任股室和完成时限，按季度调度推进。",
		"按照{P}关于预算绩效管理的部署，单位成立了以主要负责人为组长的绩效评价工作领导小组，对照指标逐项自查。",
		"严格执行预算，支出进度总体符合序时要求，未发生超预算、无预算支出的情况。",
		"加强资金监管，专项资金实行专账核算、专款专用，重大支出事项经集体研究决定。",
		"政府采购严格按照规定程序执行，采购计划、合同签订和验收资料齐全。",
		"固定资产实行统一登记、定期盘点，资产账实相符，未发现资产流失情况。",
		"“三公”经费严格控制，公务接待执行标准，公务用车实行统一管理、派车登记。",
		"通过政府门户网站公开部门预算、决算和“三公”经费情况，接受社会监督。",
		"{W}各项指标总体完成，群众满意度调查结果达到预期目标。",
		"结合{Y}年工作实际，单位对项目实施情况开展了现场核查，资料归档基本完整。",
		"全年共组织业务培训多次，干部职工依法履职和服务群众能力进一步提升。",
		"积极配合审计、财政等部门开展监督检查，对发现的问题即知即改、建立台账。",
		"加强内部控制制度建设，修订完善了财务管理、合同管理和资产管理等制度。",
		"数字化建设持续推进，业务系统与省、市平台实现对接，办事效率明显提高。",
		"牢固树立过紧日子思想，压减一般性支出，把有限资金用在{W}的关键环节。",
		"项目资金到位及时，拨付程序规范，未发现截留、挤占和挪用等问题。",
		"年初设定的产出指标、效益指标和满意度指标均有量化目标，便于对照评价。",
		"对上年度评价中发现的问题逐条整改，整改情况已报县财政局备案。",
	}
	goalPool = []string{
		"完成年度{W}重点任务，各项工作指标按期完成",
		"保障单位正常运转，人员经费和公用经费及时足额拨付",
		"推进重点项目建设，项目完工率达到年初计划",
		"提升服务质量，群众满意度不低于90%",
		"规范财务管理，预算执行率达到95%以上",
		"加强队伍建设，全年开展业务培训不少于4次",
		"落实安全生产责任，全年未发生重大安全事故",
	}
	problemPool = []string{
		"预算编制不够精细，年中追加调整较多，预算约束力有待加强；",
		"绩效目标设定不够具体，部分指标难以量化考核；",
		"项目支出进度前慢后快，资金使用效率不高；",
		"绩效评价结果运用不充分，与预算安排结合不够紧密；",
		"部分项目前期论证不足，实施过程中调整较多；",
		"财务人员力量薄弱，专业化水平有待提高；",
		"资产管理基础工作仍需加强，部分资产未及时入账；",
		"信息公开内容不够全面，部分数据未按要求披露；",
	}
	stepPool = []string{
		"提高预算编制的科学性和准确性，减少年中追加。",
		"完善绩效指标体系，做到指标可量化、可考核。",
		"加快项目实施和资金拨付进度，提高资金使用效益。",
		"强化评价结果运用，将评价结果作为下年度预算安排的重要依据。",
		"加强财务人员业务培训，提升预算绩效管理水平。",
		"健全内部控制制度，规范资产登记和处置程序。",
		"按照要求及时、完整公开预决算和绩效信息，主动接受社会监督。",
	}
	numerals = []string{"一", "二", "三", "四", "五", "六", "七", "八"}
)

// body writes the report's Markdown body: headings, paragraphs, an ordered
// and a bullet list and a table of the spending, padded to a size drawn
// from sizes.
func (s *series) body(b *bytes.Buffer, rng *rand.Rand, year int, f *figures, sizes Range) {
	start := b.Len()
	target := sizes.Min + rng.IntN(sizes.Max-sizes.Min+1)
	rep := strings.NewReplacer("{C}", s.county.name, "{D}", s.dept.name, "{W}", s.dept.work,
		"{Y}", strconv.Itoa(year), "{P}", s.county.prefecture)
	u := f.unit
	money := func(a amount) string {
		if !a.known() {
			return "未披露"
		}
		return u.format(a.fen)
	}
	sec := 0
	heading := func(title string) {
		b.WriteString("## " + numerals[sec] + "、" + title + "\n\n")
		sec++
	}

	heading("部门基本情况")
	para(b, rep, rng, introPool, 3)
	if f.authorized.known() && f.actual.known() {
		fmt.Fprintf(b, "单位核定编制%d名，实有在职人员%d人。", f.authorized.fen, f.actual.fen)
	}
	b.WriteString("\n\n")

	heading("部门整体支出情况")
	if f.total.known() {
		fmt.Fprintf(b, "%d年度%s财政拨款支出合计%s%s", year, s.dept.name, money(f.total), u.name)
		if f.basic.known() && f.project.known() {
			fmt.Fprintf(b, "，其中基本支出%s%s，项目支出%s%s", money(f.basic), u.name, money(f.project), u.name)
		}
		b.WriteString("。")
	} else {
		b.WriteString("报告未列示财政拨款支出合计。")
	}
	if f.income.known() {
		fmt.Fprintf(b, "当年收入决算数%s%s。", money(f.income), u.name)
	}
	b.WriteString("\n\n")
	fmt.Fprintf(b, "| 项目 | 金额（%s） | 占支出合计 |\n|---|---:|---:|\n", u.name)
	share := func(a amount) string {
		if !a.known() || !f.total.known() || f.total.fen == 0 {
			return "—"
		}
		return strconv.FormatFloat(float64(a.fen)*100/float64(f.total.fen), 'f', 2, 64) + "%"
	}
	for _, row := range []struct {
		label string
		a     amount
	}{{"基本支出", f.basic}, {"其中：人员经费", f.personnel}, {"其中：日常公用经费", f.public}, {"项目支出", f.project}, {"“三公”经费", f.sgTotal}, {"支出合计", f.total}} {
		fmt.Fprintf(b, "| %s | %s | %s |\n", row.label, money(row.a), share(row.a))
	}
	b.WriteString("\n")
	if f.sangong && f.sgTotal.known() {
		fmt.Fprintf(b, "“三公”经费支出%s%s，其中因公出国（境）费%s，公务接待费%s，公务用车购置及运行费%s。",
			money(f.sgTotal), u.name, money(f.abroad), money(f.reception), money(f.vehicles))
		if f.chg.known() {
			if f.chg.fen < 0 {
				fmt.Fprintf(b, "较上年减少%s%s。", u.format(-f.chg.fen), u.name)
			} else {
				fmt.Fprintf(b, "较上年增加%s%s。", u.format(f.chg.fen), u.name)
			}
		}
		b.WriteString("\n\n")
	}

	heading("绩效目标完成情况")
	b.WriteString("年初设定的主要绩效目标：\n\n")
	goals := rng.Perm(len(goalPool))[:3+rng.IntN(3)]
	for i, g := range goals {
		fmt.Fprintf(b, "%d. %s；\n", i+1, rep.Replace(goalPool[g]))
	}
	b.WriteString("\n")
	// Pad here, to the drawn size less what the sections below will add.
	for b.Len()-start < target-1300 {
		para(b, rep, rng, workPool, 3+rng.IntN(3))
		b.WriteString("\n\n")
	}

	heading("存在的问题")
	for _, i := range rng.Perm(len(problemPool))[:2+rng.IntN(3)] {
		b.WriteString("- " + problemPool[i] + "\n")
	}
	b.WriteString("\n")

	heading("下一步改进措施")
	for i, j := range rng.Perm(len(stepPool))[:2+rng.IntN(3)] {
		fmt.Fprintf(b, "%d. %s\n", i+1, stepPool[j])
	}
	b.WriteString("\n")

	if f.score == value || f.grade != "" {
		heading("绩效自评结果")
		switch {
		case f.score == value && f.grade != "":
			fmt.Fprintf(b, "经综合评价，%d年度%s整体支出绩效自评得分**%s分**，评价等级为“%s”。\n", year, s.dept.name, f.scoreText, f.grade)
		case f.score == value:
			fmt.Fprintf(b, "经综合评价，%d年度%s整体支出绩效自评得分%s分。\n", year, s.dept.name, f.scoreText)
		default:
			fmt.Fprintf(b, "经综合评价，%d年度%s整体支出绩效评价等级为“%s”。\n", year, s.dept.name, f.grade)
		}
		b.WriteString("\n")
	}
	if b.Len()-start < target {
		heading("其他需要说明的情况")
		for b.Len()-start < target {
			para(b, rep, rng, workPool, 2+rng.IntN(3))
			b.WriteString("\n\n")
		}
	}
}

// para writes n sentences drawn from pool as one paragraph, without the
// closing blank line.
func para(b *bytes.Buffer, rep *strings.Replacer, rng *rand.Rand, pool []string, n int) {
	for _, i := range rng.Perm(len(pool))[:min(n, len(pool))] {
		b.WriteString(rep.Replace(pool[i]))
	}
}
