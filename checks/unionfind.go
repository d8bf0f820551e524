package checks

// disjointSets groups items 0..n-1 that are found to belong together
// (blocks of one menu, pages with the same text). The lower index of a
// group is its root, so groups keep the order of their first member.
type disjointSets []int

func newDisjointSets(n int) disjointSets {
	d := make(disjointSets, n)
	for i := range d {
		d[i] = i
	}
	return d
}

// find returns the root of i's group, halving the path as it goes.
func (d disjointSets) find(i int) int {
	for d[i] != i {
		d[i] = d[d[i]]
		i = d[i]
	}
	return i
}

// union puts a and b in one group.
func (d disjointSets) union(a, b int) {
	if ra, rb := d.find(a), d.find(b); ra != rb {
		d[max(ra, rb)] = min(ra, rb)
	}
}
