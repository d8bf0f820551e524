package checks

// placeholderCues are the words of the page text without which no pattern
// of placeholderPatterns can match, each where its pattern can match it.
var placeholderCues = func() []rawCue {
	var out []rawCue
	add := func(w string, accept func(src []byte, start, end int) bool) {
		out = append(out, rawCue{word: w, rule: cuePlaceholder, accept: accept})
	}
	// around accepts a cue after one of before (when set) and before one of
	// after (when set), the words separated by spaces.
	around := func(before, after []string) func(src []byte, start, end int) bool {
		return func(src []byte, start, end int) bool {
			return (before == nil || cuePrevWord(src, start, before...)) && (after == nil || cueNextWord(src, end, "", after...))
		}
	}
	exact := func(w string, after ...string) func(src []byte, start, end int) bool {
		return func(src []byte, start, end int) bool {
			return string(src[start:end]) == w && (after == nil || cueNextWordExact(src, end, after...))
		}
	}
	for _, w := range []string{"lorem", "dolor", "wordpress", "{{", "{%", "${"} {
		add(w, nil)
	}
	add("heading", around([]string{"your"}, []string{"text"}))          // add your heading text here
	add("click", around(nil, []string{"edit"}))                         // click edit button to change this text
	add("goes", around([]string{"content", "title"}, []string{"here"})) // your content goes here, your title goes here
	add("remove", around([]string{"or"}, []string{"this"}))             // edit or remove this text inline
	add("first", around([]string{"your"}, []string{"post"}))            // this is your first post
	add("load", around([]string{"page"}, []string{"link"}))             // page load link
	add("sample", exact("Sample", "Page"))
	add("hello", exact("Hello", "world"))
	add("todo", exact("TODO"))
	add("fixme", exact("FIXME"))
	add("tbd", exact("TBD"))
	add("your", exact("Your", "Name", "Company", "Business"))
	add("company", exact("Company", "Name"))
	// Placeholder addresses: name@example.com, you@yourdomain.com, email.com.
	at := func(src []byte, start int) bool { return cuePrevIs(src, start, "@") }
	add("example", func(src []byte, start, end int) bool {
		return at(src, start) && cueMayStart(src, end, ".") || around([]string{"an"}, []string{"page"})(src, start, end) // this is an example page
	})
	add("domain", func(src []byte, start, end int) bool {
		return (at(src, start) || cuePrevIs(src, start, "your")) && cueMayStart(src, end, ".")
	})
	add("yoursite", func(src []byte, start, end int) bool { return at(src, start) && cueMayStart(src, end, ".com") })
	add("email", func(src []byte, start, end int) bool { return at(src, start) && cueMayStart(src, end, ".com") })
	out = append(out, rawCue{word: "%", rule: cuePlaceholder, accept: placeholderPercentCue, after: "%abcdefghijklmnopqrstuvwxyz" + cueHighBytes})
	// Shortcodes ([vc_row], [/fusion_text], [contact-form-7 …]) and fill-in
	// markers ([insert …]), after their bracket.
	bracket := func(src []byte, start, _ int) bool {
		return cuePrevIs(src, start, "[") || cuePrevIs(src, start, "[/")
	}
	for _, w := range []string{"fusion_", "vc_", "et_pb_", "av_", "contact-form-7", "gravityform", "wpforms", "elementor-template"} {
		add(w, func(src []byte, start, end int) bool { return string(src[start:end]) == w && bracket(src, start, end) })
	}
	for _, w := range []string{"insert", "add", "enter", "your", "company", "client"} {
		add(w, func(src []byte, start, end int) bool {
			j := cueSkipSpaceBack(src, start-1)
			return (j < 0 || src[j] == '[') && (end >= len(src) || cueSkipSpace(src, end) > end && placeholderFillInEnd(src, end))
		})
	}
	for _, w := range []string{"5555", "7890", "0000"} {
		add(w, placeholderPhoneCue)
	}
	return out
}()

// cueHighBytes are the non-ASCII bytes.
var cueHighBytes = func() string {
	b := make([]byte, 0, 128)
	for c := 0x80; c < 0x100; c++ {
		b = append(b, byte(c))
	}
	return string(b)
}()

// placeholderFillInEnd reports whether the closing bracket of a fill-in
// marker may follow src[i:]: the pattern allows 1 to 60 characters other
// than [, ], /, | and a line break before it. Spaces are counted as the
// collector folds them, and with room for code the collector drops.
func placeholderFillInEnd(src []byte, i int) bool {
	const most = 80
	n := 0
	for i = cueSkipSpace(src, i); i < len(src); {
		switch src[i] {
		case ']':
			return n > 0
		case '[', '/', '|':
			return false
		}
		if src[i]&0xC0 != 0x80 { // a character, not the rest of one
			if n++; n > most {
				return false
			}
		}
		if j := cueSkipSpace(src, i); j > i {
			i = j
		} else {
			i++
		}
	}
	return true // the run ends first
}

// placeholderPercentCue accepts %%var%% and the %var% names of
// placeholderSEOVars.
func placeholderPercentCue(src []byte, _, end int) bool {
	if cueMayStart(src, end, "%") {
		j := end + 1
		return j >= len(src) || src[j] >= 'a' && src[j] <= 'z' || src[j] >= 0x80
	}
	for _, v := range placeholderSEOVars {
		if cueMayStartExact(src, end, v+"%") {
			return true
		}
	}
	return false
}

// placeholderPhoneCue accepts the last group of a placeholder phone number
// (555-555-5555, 123-456-7890, 000 000 0000): a separator and a middle
// group before it.
func placeholderPhoneCue(src []byte, start, _ int) bool {
	j := start - 1
	if j < 0 {
		return true
	}
	var k int
	switch b := src[j]; {
	case b == '.' || b == '-':
		k = j - 1
	case cueIsSpace(b) || b >= 0x80:
		if k = cueSkipSpaceBack(src, j); k == j {
			return false
		}
	default:
		return false
	}
	if k < 2 {
		return true
	}
	m := string(src[k-2 : k+1])
	return m == "555" || m == "456" || m == "000"
}
