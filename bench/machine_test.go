package main

import (
	"runtime"
	"slices"
	"testing"
)

func TestSlug(t *testing.T) {
	cases := []struct {
		m    machine
		want string
	}{
		{machine{Brand: "AMD EPYC 7B13 64-Core Processor"}, "amd-epyc-7b13-64-core"},
		{machine{Brand: "Intel(R) Xeon(R) Platinum 8375C CPU @ 2.90GHz"}, "intel-xeon-platinum-8375c"},
		{machine{Brand: "Apple M2 Pro"}, "apple-m2-pro"},
		{machine{GOARCH: "arm64", Vendor: "ARM", Identity: "part 0xd0c, variant 3, revision 1"}, "arm64-arm-part-0xd0c-variant-3-revision-1"},
		{machine{GOARCH: "arm64", Identity: "part 0x051, variant 0, revision 0"}, "arm64-part-0x051-variant-0-revision-0"},
	}
	for _, c := range cases {
		if got := c.m.slug(); got != c.want {
			t.Errorf("%+v: slug %q, want %q", c.m, got, c.want)
		}
	}
}

func TestThisMachine(t *testing.T) {
	m := thisMachine()
	if m.GOARCH != runtime.GOARCH || m.NumCPU < 1 || m.GOMAXPROCS < 1 || m.Selected == "" || m.StreamBytes <= 0 || m.Name() == "" {
		t.Errorf("incomplete: %+v", m)
	}
	all := append(slices.Clone(m.Features), m.Lacks...)
	if len(all) != len(simdactFeatures[runtime.GOARCH]) {
		t.Errorf("features %v and lacks %v: want each of %v in one", m.Features, m.Lacks, simdactFeatures[runtime.GOARCH])
	}
}
