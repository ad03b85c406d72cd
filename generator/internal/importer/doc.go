// Package importer turns a published budget-performance self-evaluation
// report (部门整体支出绩效自评报告, or a project's 项目支出绩效自评报告) into a
// draft content file that a person only has to review.
//
// The work runs in three steps, each a function of the previous one's value:
//
//   - ReadFile (or Decode) reads plain text in UTF-8, UTF-16 or GBK/GB18030,
//     an HTML page (its article, without navigation, scripts and page
//     chrome), a .docx file (its paragraphs, automatic numbering and
//     tables, read from the zip and its XML), or a PDF through pdftotext.
//     It returns a Doc holding the report's text: one paragraph per line,
//     and each table row as one tab-indented line per cell followed by a
//     blank line.
//   - Extract normalises that text (full-width digits, spaces around
//     numbers, lines cut by a PDF or a page break, LaTeX and OCR residue),
//     reads every figure it can be sure of, each with the sentence it was
//     read from (in the report's words, not normalised: see sourceText),
//     and returns a Draft. A value that is ambiguous is left out,
//     and the Draft's Review list says why.
//   - Draft.Markdown writes the content file (see package report),
//     Draft.TruthJSON the JSON object used to measure the importer, and
//     Draft.JSON the one import -json prints: the same, with report_type
//     as the draft writes it, and the draft's project, title, published
//     and unit.
//
// Run implements the import command on top of these.
//
// The rules prefer a missing figure to a wrong one. An amount is only taken
// when its label, once innocuous words are stripped from both ends (years,
// 本年, 部门, 财政拨款, 决算数, 为 …), is exactly one of the figure's names;
// budget and plan figures (预算数, 批复, 核定…限额, 控制数, 计划安排) are never
// taken for actual ones, nor are their sub-items or the rest of their list
// (年初预算安排基本支出…、项目支出…, until 实际支出 or 决算); the money of
// one source (财政拨款收入, 财政拨款支出) stands for the total only when its
// sentence or table gives no other source beside it (事业收入,
// 政府性基金支出); sub-items (其中 …) are not taken for totals; a figure of
// another year is ignored, whatever its kind, when a year (2022年) or a word
// for the year before (上年, 上年度, 去年) comes before it in its sentence and
// no word for the report's own year (本年, 2023年) after that (see
// otherYearAt), or when another year follows it in brackets (13.7万元
// （2022年）), and the review notes quote the sentence; and two different
// readings of a figure in the
// same class of evidence cancel each other. In a project's report, figures
// said of the department as a whole (部门支出合计, and its 其中项目支出) are not
// the project's. When a file holds a second report after the first one's
// signature (a unit's under its department's), only the first is read,
// and a review note names the other; a report covering two years
// (2022—2023年度) is noted too, with the year taken. Amounts are converted to 万元
// exactly, from 元, 千元, 万元 or 亿元, and from capital numerals
// (人民币壹仟贰佰元整, not taken when the digits beside them disagree); a
// table whose unit is not stated is not read. Forms (项目支出绩效自评表 and the like) are read by position only
// when each row has one value per column and the execution rate agrees
// with the amounts. A score table (一级指标 | 分值 | 得分) gives the score of
// the 得分 column of its 合计 or 总分 row; a table and a sentence that
// disagree on a figure leave it out, with a note quoting both. A table
// whose rows are the department's units (单位名称 | 支出合计 | 基本支出 | …)
// gives the figures of its 合计 row, when each is the sum of the units'. A grade is
// read after a word that names it (评价等级为良好, 等次：优) or after 自评 (本部门自评为良),
// or with its score in brackets (绩效为良好（88分）), which gives the score too,
// not of a part (指标) nor of a satisfaction survey (满意度评价等级为优) nor, in a
// report on the whole department, of a project.
// 总分100分 is the most a score can be (百分制), not the score. The change
// of 三公经费 against the year before is taken as the difference of a 三公
// table's totals of the two years, when each column (or row) is named by
// its year and the table has no column of changes.
//
// The fuzz targets are seeded with the real reports of ../shared/seeds when
// that folder exists, split into pieces of about 3 kB. Run them with a short
// -fuzzminimizetime (such as 2s): minimising a large input otherwise holds
// the fuzzer for a minute at a time.
package importer
