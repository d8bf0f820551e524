package checks

// staleCopyrightCues are the words every notice staleCopyrightRe finds
// begins with; the scan also counts &copy; and &#169;.
var staleCopyrightCues = []rawCue{
	{word: "©", rule: cueCopyright}, {word: "(c)", rule: cueCopyright},
	{word: "copyright", rule: cueCopyright}, {word: "copr.", rule: cueCopyright},
}
