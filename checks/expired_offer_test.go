package checks_test

import (
	"testing"

	"github.com/pagelint/pagelint/checks"
	"github.com/pagelint/pagelint/checks/checktest"
)

func TestExpiredOffer(t *testing.T) {
	checktest.Run(t, "../testdata/checks/expired-offer", checks.ExpiredOffer)
}

// TestExpiredOfferArchivedPostIsInfo checks that an offer inside a dated
// post is info, and a page's own offer a warning.
func TestExpiredOfferArchivedPostIsInfo(t *testing.T) {
	fs := checktest.CheckFolder(t, "../testdata/checks/expired-offer", checks.ExpiredOffer)
	for _, f := range fs {
		want := checks.Warning
		if f.File == "archived-post.html" {
			want = checks.Info
		}
		if f.Severity != want {
			t.Errorf("%s:%d: severity %v, want %v", f.File, f.Line, f.Severity, want)
		}
	}
}
