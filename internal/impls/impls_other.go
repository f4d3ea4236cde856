//go:build !(amd64 || arm64) || !gc || purego

package impls

var native []Set
