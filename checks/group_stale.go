package checks

// staleRules are the rules of one group: stale content: stale-review, expired-offer, stale-copyright, timestamp-leak (issue 4).
var staleRules = []*Check{StaleReview, ExpiredOffer, StaleCopyright, TimestampLeak}
