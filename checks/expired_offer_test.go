package checks_test

import (
	"testing"

	"github.com/pagelint/pagelint/checks"
	"github.com/pagelint/pagelint/checks/checktest"
)

func TestExpiredOffer(t *testing.T) {
	checktest.Run(t, "../testdata/checks/expired-offer", checks.ExpiredOffer)
}
