package verify

import (
	"go/build"
	"strings"
	"testing"
)

// TestIndependent checks that the specification stands on its own: package
// verify, and every package of this module it imports, imports none of the
// code under test (package simdact, asm, kernels, internal/impls,
// internal/exp32 or anything else of the module but internal/testutil).
func TestIndependent(t *testing.T) {
	const module = "github.com/simdact/simdact"
	allowed := map[string]bool{module + "/internal/verify": true, module + "/internal/testutil": true}
	seen := map[string]bool{}
	var visit func(path, dir string)
	visit = func(path, dir string) {
		if seen[path] {
			return
		}
		seen[path] = true
		p, err := build.ImportDir(dir, 0)
		if err != nil {
			t.Fatalf("%s: %v", path, err)
		}
		for _, imp := range p.Imports {
			if imp != module && !strings.HasPrefix(imp, module+"/") {
				continue
			}
			if !allowed[imp] {
				t.Errorf("%s imports %s, part of the code under test", path, imp)
				continue
			}
			visit(imp, "../../"+strings.TrimPrefix(strings.TrimPrefix(imp, module), "/"))
		}
	}
	visit(module+"/internal/verify", ".")
	if !seen[module+"/internal/testutil"] {
		t.Error("the walk never reached internal/testutil: does it still follow imports?")
	}
}
