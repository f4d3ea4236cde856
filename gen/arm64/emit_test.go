package main

import "testing"

// TestReservedRegisters checks that an instruction naming a register Go's
// arm64 toolchain reserves is refused, not written.
func TestReservedRegisters(t *testing.T) {
	fn := newFile("test", "asm").function("f", nil, nil)
	fn.ins("MOVD %s, %s", reg(17), zr)
	for _, r := range []reg{-1, 18, 26, 27, 28, 29, 30} {
		func() {
			defer func() {
				if recover() == nil {
					t.Errorf("ins accepted R%d", int(r))
				}
			}()
			fn.ins("MOVD %s, %s", r, reg(0))
		}()
	}
}
