//go:build unix

package testutil

import (
	"golang.org/x/sys/unix"
	"unsafe"
)

// Guarded returns a slice of n float32 that lies against an inaccessible
// page: its last element ends where the page begins (atEnd) or its first
// element starts where the page ends. A kernel that reads or writes past
// that edge of the slice faults. free releases the memory.
func Guarded(n int, atEnd bool) (s []float32, free func()) {
	page := unix.Getpagesize()
	dataPages := (n*4 + page - 1) / page
	mem, err := unix.Mmap(-1, 0, (dataPages+2)*page, unix.PROT_READ|unix.PROT_WRITE, unix.MAP_ANON|unix.MAP_PRIVATE)
	if err != nil {
		panic(err)
	}
	if err := unix.Mprotect(mem[:page], unix.PROT_NONE); err != nil {
		panic(err)
	}
	if err := unix.Mprotect(mem[(dataPages+1)*page:], unix.PROT_NONE); err != nil {
		panic(err)
	}
	start := page
	if atEnd {
		start = (dataPages+1)*page - n*4
	}
	s = unsafe.Slice((*float32)(unsafe.Pointer(&mem[start])), n)
	return s, func() { unix.Munmap(mem) }
}
