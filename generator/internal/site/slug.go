package site

import (
	"crypto/sha256"
	"encoding/hex"
	"strings"
	"sync"
	"unicode/utf8"

	"github.com/gosimple/slug"
)

// placePhrases and placeRunes correct readings that gosimple/slug's
// romanisation gets wrong in place and department names (武汉 is read
// wu yi, 东莞 dong wan). Phrases are tried before single characters.
var placePhrases = []struct{ han, latin string }{
	{"六安", "lu an"},
	{"乐清", "yue qing"},
	{"单县", "shan xian"},
	{"东阿", "dong e"},
	{"洪洞", "hong tong"},
	{"铅山", "yan shan"},
	{"蔚县", "yu xian"},
	{"莘县", "shen xian"},
	{"番禺", "pan yu"},
	{"重庆", "chong qing"},
	{"蚌埠", "beng bu"},
	{"厦门", "xia men"},
	{"涡阳", "guo yang"},
	{"犍为", "qian wei"},
	{"长沙", "chang sha"},
	{"长宁", "chang ning"},
	{"长春", "chang chun"},
	{"会昌", "hui chang"},
	{"都昌", "du chang"},
	{"大城", "da cheng"},
	{"乐亭", "lao ting"},
	{"柏乡", "bai xiang"},
	{"桐柏", "tong bai"},
	{"黄陂", "huang pi"},
	{"长子", "zhang zi"},
	{"繁峙", "fan shi"},
	{"枞阳", "zong yang"},
	{"浚县", "xun xian"},
	{"泌阳", "bi yang"},
	{"荥阳", "xing yang"},
	{"盱眙", "xu yi"},
	{"牟平", "mu ping"},
	{"覃塘", "qin tang"},
	{"黄埔", "huang pu"}, // but 大埔 da bu
	{"筠连", "jun lian"},
	{"尉犁", "yu li"},
	{"龙圩", "long xu"},
	// Words of department names.
	{"银行", "yin hang"}, // 人民银行
	{"支行", "zhi hang"},
	{"分行", "fen hang"},
	{"畜牧", "xu mu"},   // 畜牧兽医局
	{"会计", "kuai ji"}, // 会计核算中心
}

var placeRunes = map[rune]string{
	'宁': "ning", // read as "zhu" by default: 宁乡, 常宁, 普宁, 兴宁, 南宁
	'朝': "chao", // 朝阳, 朝天
	'沈': "shen", // 沈丘, 沈阳
	'曾': "zeng", // 曾都
	'阿': "a",
	'蚌': "beng",
	'厦': "xia",
	'涡': "guo",
	'犍': "qian",
	'番': "fan",
	'广': "guang", // read as "yan": 广东, 广西, 广州
	'藏': "zang",  // 西藏, 藏族
	'蔚': "wei",
	'莘': "shen",
	'汉': "han",   // read as "yi": 武汉, 汉中, 汉川, 汉寿
	'侗': "dong",  // 侗族自治县
	'喀': "ka",    // 喀什, 喀左
	'莆': "pu",    // 莆田
	'莞': "guan",  // 东莞
	'歙': "she",   // 歙县
	'漯': "luo",   // 漯河
	'邳': "pi",    // 邳州
	'一': "yi",    // the library's table has none: 第一中学 was di-zhong-xue
	'万': "wan",   // read as "mo": 万州, 万宁, 万载
	'叶': "ye",    // read as "xie": 叶县
	'厂': "chang", // read as "han": 大厂
	'畲': "she",   // read as "yu": 景宁畲族自治县
	'箐': "qing",  // read as "jing": 大箐山
	'濞': "bi",    // read as "pi": 漾濞
}

// Slugify returns the URL slug of a Chinese place or department name, such
// as tao-yuan-xian for 桃源县 and ning-xiang-shi for 宁乡市.
func Slugify(name string) string {
	if s, ok := slugs.Load(name); ok {
		return s.(string)
	}
	s := slugify(name)
	slugs.Store(name, s)
	return s
}

// slugs memoizes Slugify: a site names the same departments in every
// county, and the live preview assembles the site again on every change.
var slugs sync.Map

func slugify(name string) string {
	var b strings.Builder
	for i := 0; i < len(name); {
		rest := name[i:]
		matched := false
		for _, p := range placePhrases {
			if strings.HasPrefix(rest, p.han) {
				b.WriteString(" " + p.latin + " ")
				i += len(p.han)
				matched = true
				break
			}
		}
		if matched {
			continue
		}
		// An invalid byte is written as U+FFFD, as converting to runes
		// would.
		r, size := utf8.DecodeRuneInString(rest)
		if l, ok := placeRunes[r]; ok {
			b.WriteString(" " + l + " ")
		} else {
			b.WriteRune(r)
		}
		i += size
	}
	s := slug.Make(b.String())
	if s == "" {
		s = "x"
	}
	if len(s) > MaxSlug {
		// Long names are cut at a hyphen and told apart by a hash, so that
		// file names stay within what file systems allow.
		cut := strings.LastIndexByte(s[:MaxSlug], '-')
		if cut < MaxSlug/2 {
			cut = MaxSlug
		}
		h := sha256.Sum256([]byte(name))
		s = s[:cut] + "-" + hex.EncodeToString(h[:3])
	}
	return s
}

// MaxSlug is the longest slug, in bytes, before its hash suffix.
const MaxSlug = 80

// Initials returns the first letter of each syllable of a slug, such as tyx
// for tao-yuan-xian.
func Initials(s string) string {
	var b strings.Builder
	for _, part := range strings.Split(s, "-") {
		if part != "" {
			b.WriteByte(part[0])
		}
	}
	return b.String()
}
