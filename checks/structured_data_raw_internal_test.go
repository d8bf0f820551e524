package checks

import "testing"

func TestStructuredDataMayHold(t *testing.T) {
	for src, want := range map[string]bool{
		`<script type="application/ld+json">`:      true,
		`<script type="APPLICATION/LD+JSON">`:      true,
		`<script type="application/ld&#43;json">`:  true,
		`<script type="application/ld&#x2B;json">`: true,
		`<script type="application/ld&plus;json">`: true,
		`<script type="application/&#108;d+json">`: true,
		`type="application/ld&#0043;json"`:         true,
		`<p>a + b, C++ and &#39;quotes&#39;</p>`:   false,
		`<script type="application/json">`:         false,
		`ld+jso`:                                   false,
		``:                                         false,
	} {
		if got := structuredDataMayHold([]byte(src)); got != want {
			t.Errorf("structuredDataMayHold(%q) = %v, want %v", src, got, want)
		}
	}
}
