package main

import (
	"fmt"
	"regexp"
	"runtime"
	"strings"

	"github.com/klauspost/cpuid/v2"
	"github.com/simdact/simdact"
	"github.com/simdact/simdact/internal/cpu"
)

// A machine is what the report says about the computer it was measured on.
// Cache sizes are in bytes, -1 where the CPU does not tell.
type machine struct {
	GoVersion  string `json:"go_version"`
	GOOS       string `json:"goos"`
	GOARCH     string `json:"goarch"`
	Vendor     string `json:"vendor"`
	Brand      string `json:"brand"`
	Identity   string `json:"identity"`             // family and model, as the architecture numbers them
	Hypervisor string `json:"hypervisor,omitempty"` // set in a virtual machine that says so
	// Features are those of simdactFeatures that the CPU has; Lacks, the others.
	Features      []string `json:"features"`
	Lacks         []string `json:"lacks"`
	L1D           int      `json:"l1d_bytes"`
	L2            int      `json:"l2_bytes"`
	L3            int      `json:"l3_bytes"`
	PhysicalCores int      `json:"physical_cores"` // as cpuid reports them; 0 if it cannot tell
	LogicalCores  int      `json:"logical_cores"`
	NumCPU        int      `json:"num_cpu"` // the CPUs this process may use
	GOMAXPROCS    int      `json:"gomaxprocs"`
	// Selected is the implementation simdact uses on this CPU.
	Selected string `json:"selected"`
	// StreamBytes is the size of a call (bytes read and written) from which
	// the assembly kernels write with non-temporal stores.
	StreamBytes int `json:"stream_bytes"`
}

// simdactFeatures are the CPU features that decide what simdact runs, or
// could run, on each architecture.
var simdactFeatures = map[string][]cpuid.FeatureID{
	"amd64": {cpuid.AVX2, cpuid.FMA3, cpuid.AVX512F},
	"arm64": {cpuid.ASIMD, cpuid.ASIMDHP, cpuid.SVE, cpuid.SVE2},
}

// thisMachine describes the computer the tool runs on.
func thisMachine() machine {
	c := cpuid.CPU
	m := machine{
		GoVersion: runtime.Version(), GOOS: runtime.GOOS, GOARCH: runtime.GOARCH,
		Vendor: c.VendorString, Brand: c.BrandName, Identity: identity(c),
		Hypervisor: strings.TrimSpace(c.HypervisorVendorString),
		L1D:        c.Cache.L1D, L2: c.Cache.L2, L3: c.Cache.L3,
		PhysicalCores: c.PhysicalCores, LogicalCores: c.LogicalCores, NumCPU: runtime.NumCPU(),
		GOMAXPROCS: runtime.GOMAXPROCS(0),
		Selected:   simdact.Implementation(), StreamBytes: cpu.StreamBytes,
	}
	for _, f := range simdactFeatures[runtime.GOARCH] {
		if c.Supports(f) {
			m.Features = append(m.Features, f.String())
		} else {
			m.Lacks = append(m.Lacks, f.String())
		}
	}
	return m
}

// identity spells the CPU's numbers: x86's family, model and stepping, or
// the part number, variant and revision from arm64's MIDR register, which
// cpuid keeps in Family and Model.
func identity(c cpuid.CPUInfo) string {
	if runtime.GOARCH == "arm64" {
		return fmt.Sprintf("part 0x%03x, variant %d, revision %d", c.Model>>4, c.Family>>4, c.Model&0xf)
	}
	return fmt.Sprintf("family %d, model %d, stepping %d", c.Family, c.Model, c.Stepping)
}

// Name is the CPU's brand string, or where the CPU has none (arm64 under
// Linux often has none) its architecture and identity.
func (m machine) Name() string {
	if m.Brand != "" {
		return m.Brand
	}
	return strings.Join(strings.Fields(m.GOARCH+" "+m.Vendor+" "+m.Identity), " ")
}

var (
	brandNoise = regexp.MustCompile(`\((r|tm)\)|\b(cpu|processor)\b|@.*$`)
	notAlnum   = regexp.MustCompile(`[^a-z0-9]+`)
)

// slug is the machine's name as a file name: "amd-epyc-7b13-64-core" for
// "AMD EPYC 7B13 64-Core Processor", "intel-xeon-platinum-8375c" for
// "Intel(R) Xeon(R) Platinum 8375C CPU @ 2.90GHz".
func (m machine) slug() string {
	s := brandNoise.ReplaceAllString(strings.ToLower(m.Name()), " ")
	return strings.Trim(notAlnum.ReplaceAllString(s, "-"), "-")
}
