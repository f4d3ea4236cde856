// Command bench measures simdact's kernels on this computer's CPU and checks
// that every implementation the CPU runs agrees with the specification that
// the pure-Go kernels and the tests follow.
//
// Usage:
//
//	go -C bench run . [flags]          measure (the default command)
//	go -C bench run . verify [flags]   fuzz-compare the implementations
//
// The benchmark prints the CPU (cpuid's view: brand, features, caches,
// cores), the implementation simdact selects, then for every kernel,
// implementation and size the median time per element, the throughput
// (bytes read plus written), the spread of the timed batches, and the
// ratios to Go's copy at the same size (the roof of a kernel with one input
// and one output) and to the generic kernel. The sizes are fixed ones (those
// of the root package's benchmarks) and, from the caches, the calls whose
// data (8 bytes an element, as a copy) fill half of L1d, half of L2, half of
// L3 and four times L3. Progress goes to standard error. With -json or
// -benchstat it prints JSON, or text that benchstat reads (named as the root
// package's benchmarks, so it compares with go test -bench); -svg draws the
// throughput against size; -save writes all four, named after the CPU.
//
// verify calls every kernel in every implementation (and the public API)
// at every length from 0 to 300 with edge-heavy random inputs and
// parameters, at random offsets, in place and not, and checks each result
// as the tests do. On a failure it prints a reproducer, shrunk to the
// fewest elements that still fail, and exits with status 1.
package main

import (
	"bytes"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"time"
)

func main() { os.Exit(run(os.Args[1:], os.Stdout, os.Stderr)) }

// run runs the command line args and returns the exit status: 1 when
// verify finds a failure or a file cannot be written, 2 for a bad command
// line.
func run(args []string, stdout, stderr io.Writer) int {
	command := "bench"
	if len(args) > 0 && !strings.HasPrefix(args[0], "-") {
		command, args = args[0], args[1:]
	}
	var err error
	switch command {
	case "bench":
		var o benchOptions
		if o, err = parseBench(args, stderr); err == nil {
			return benchCommand(o, stdout, stderr)
		}
	case "verify":
		var o verifyOptions
		if o, err = parseVerify(args, stderr); err == nil {
			return verifyCommand(o, stdout)
		}
	default:
		err = fmt.Errorf("unknown command %q: the commands are bench (the default) and verify", command)
	}
	if errors.Is(err, flag.ErrHelp) {
		return 0
	}
	fmt.Fprintln(stderr, "bench:", err)
	return 2
}

// benchOptions are the benchmark's settings, from its flags.
type benchOptions struct {
	timing  timing
	kernels *regexp.Regexp
	sizes   []int  // nil: fixedSizes and those derived from the caches
	format  string // "table", "json" or "benchstat"
	svg     string // the chart's file, or ""
	save    string // the directory for the results named after the CPU, or ""
}

func parseBench(args []string, stderr io.Writer) (benchOptions, error) {
	fs := flag.NewFlagSet("bench", flag.ContinueOnError)
	fs.SetOutput(stderr)
	count := fs.Int("count", 7, "time `N` batches of calls per measurement")
	batch := fs.Duration("batch", 2*time.Millisecond, "make each batch last at least `D`")
	kernels := fs.String("kernel", "", "measure only the kernels whose names match `REGEXP`")
	sizes := fs.String("sizes", "", "measure calls of these `SIZES` of elements, as 1000,16K,4M (K = 1024)")
	quick := fs.Bool("quick", false, fmt.Sprintf("a few seconds' check: -count 3 -batch 500µs -sizes %s", joinInts(quickSizes)))
	asJSON := fs.Bool("json", false, "print JSON instead of the table")
	asText := fs.Bool("benchstat", false, "print Go benchmark text, which benchstat reads, instead of the table")
	svg := fs.String("svg", "", "draw the throughput against size into the SVG `FILE`")
	save := fs.String("save", "", "also write the results, named after the CPU, as table, JSON, benchmark text and SVG into `DIR`")
	fs.Usage = func() {
		fmt.Fprintln(stderr, "usage: bench [flags]: measure every kernel in every implementation this CPU runs")
		fmt.Fprintln(stderr, "       bench verify [flags]: check them (bench verify -h says more)")
		fs.PrintDefaults()
	}
	if err := fs.Parse(args); err != nil {
		return benchOptions{}, err
	}
	if fs.NArg() > 0 {
		return benchOptions{}, fmt.Errorf("unexpected arguments: %s", strings.Join(fs.Args(), " "))
	}
	if *quick {
		set := setFlags(fs)
		if !set["count"] {
			*count = 3
		}
		if !set["batch"] {
			*batch = 500 * time.Microsecond
		}
		if !set["sizes"] {
			*sizes = joinInts(quickSizes)
		}
	}
	o := benchOptions{timing: timing{Count: *count, Batch: *batch}, format: "table", svg: *svg, save: *save}
	switch {
	case *count < 1:
		return o, fmt.Errorf("-count %d: want at least 1", *count)
	case *batch <= 0:
		return o, fmt.Errorf("-batch %v: want a positive duration", *batch)
	case *asJSON && *asText:
		return o, errors.New("-json and -benchstat: choose one")
	case *asJSON:
		o.format = "json"
	case *asText:
		o.format = "benchstat"
	}
	var err error
	if o.kernels, err = selection(*kernels); err != nil {
		return o, err
	}
	if *sizes != "" {
		o.sizes, err = parseSizes(*sizes)
	}
	return o, err
}

// verifyOptions are verify's settings, from its flags.
type verifyOptions struct {
	rounds   int // 0: as many as fit in duration
	duration time.Duration
	seed     uint64
	kernels  *regexp.Regexp
}

func parseVerify(args []string, stderr io.Writer) (verifyOptions, error) {
	fs := flag.NewFlagSet("verify", flag.ContinueOnError)
	fs.SetOutput(stderr)
	duration := fs.Duration("time", 10*time.Second, "run rounds until `D` has passed")
	rounds := fs.Int("count", 0, "run `N` rounds, however long they take, instead of -time")
	seed := fs.Uint64("seed", 0, "draw inputs from the random `SEED` (0: a new seed, which verify prints)")
	kernels := fs.String("kernel", "", "check only the kernels whose names match `REGEXP`")
	quick := fs.Bool("quick", false, "one round: -count 1")
	fs.Usage = func() {
		fmt.Fprintln(stderr, "usage: bench verify [flags]: check every kernel in every implementation this CPU runs,")
		fmt.Fprintf(stderr, "in rounds of every length from 0 to %d, against the specification\n", maxVerifyLen)
		fs.PrintDefaults()
	}
	if err := fs.Parse(args); err != nil {
		return verifyOptions{}, err
	}
	if fs.NArg() > 0 {
		return verifyOptions{}, fmt.Errorf("unexpected arguments: %s", strings.Join(fs.Args(), " "))
	}
	if *quick && !setFlags(fs)["count"] {
		*rounds = 1
	}
	o := verifyOptions{rounds: *rounds, duration: *duration, seed: *seed}
	if *seed == 0 {
		o.seed = uint64(time.Now().UnixNano())
	}
	switch {
	case *rounds < 0:
		return o, fmt.Errorf("-count %d: want 0 or more rounds", *rounds)
	case *duration <= 0:
		return o, fmt.Errorf("-time %v: want a positive duration", *duration)
	}
	var err error
	o.kernels, err = selection(*kernels)
	return o, err
}

// setFlags returns the names of the flags the command line set.
func setFlags(fs *flag.FlagSet) map[string]bool {
	set := map[string]bool{}
	fs.Visit(func(f *flag.Flag) { set[f.Name] = true })
	return set
}

// selection compiles -kernel's regular expression and checks that it
// selects a kernel.
func selection(expr string) (*regexp.Regexp, error) {
	re, err := regexp.Compile(expr)
	if err != nil {
		return nil, fmt.Errorf("-kernel: %v", err)
	}
	if len(selectKernels(re)) == 0 {
		names := make([]string, len(catalog))
		for i, k := range catalog {
			names[i] = k.name
		}
		return nil, fmt.Errorf("-kernel %q matches none of %s", expr, strings.Join(names, ", "))
	}
	return re, nil
}

func joinInts(ns []int) string {
	s := make([]string, len(ns))
	for i, n := range ns {
		s[i] = fmt.Sprint(n)
	}
	return strings.Join(s, ",")
}

// saved are the formats -save writes, and the suffixes of their files.
var saved = []struct{ name, suffix string }{
	{"table", ".table.txt"}, {"json", ".json"}, {"benchstat", ".benchstat.txt"}, {"svg", ".svg"},
}

func benchCommand(o benchOptions, stdout, stderr io.Writer) int {
	m := thisMachine()
	sets, cannot := implementations()
	var sizes []size
	var notes []string
	if o.sizes != nil {
		for _, n := range o.sizes {
			sizes = append(sizes, size{N: n})
		}
	} else {
		sizes, notes = sizesFor(m, fixedSizes)
	}
	for _, name := range cannot {
		notes = append(notes, name+": not measured, this CPU cannot run it")
	}
	ks := selectKernels(o.kernels)
	notes = append(notes, tooSmall(ks, sizes)...)
	for _, note := range notes {
		fmt.Fprintln(stderr, "bench:", note)
	}
	rep := report{Machine: m, Date: time.Now().UTC().Format(time.RFC3339), Timing: o.timing, Sizes: sizes, Notes: notes}
	rep.Results = measureAll(ks, sets, sizes, o.timing, newProgress(stderr))

	writers := map[string]func(io.Writer, report) error{
		"table": writeTable, "json": writeJSON, "benchstat": writeBenchText, "svg": writeSVG}
	status := 0
	write := func(path, format string) {
		var b bytes.Buffer
		err := writers[format](&b, rep)
		if err == nil {
			if path == "" {
				_, err = stdout.Write(b.Bytes())
			} else {
				err = os.WriteFile(path, b.Bytes(), 0o666)
			}
		}
		if err != nil {
			fmt.Fprintln(stderr, "bench:", err)
			status = 1
		}
	}
	write("", o.format)
	if o.svg != "" {
		write(o.svg, "svg")
	}
	if o.save != "" {
		if err := os.MkdirAll(o.save, 0o777); err != nil {
			fmt.Fprintln(stderr, "bench:", err)
			return 1
		}
		base := filepath.Join(o.save, m.slug())
		for _, format := range saved {
			write(base+format.suffix, format.name)
		}
		if status == 0 {
			fmt.Fprintf(stderr, "bench: wrote %s.*\n", base)
		}
	}
	return status
}

func verifyCommand(o verifyOptions, stdout io.Writer) int {
	sets, cannot := implementations()
	for _, name := range cannot {
		fmt.Fprintf(stdout, "verify: %s not checked, this CPU cannot run it\n", name)
	}
	if verifyAll(stdout, selectKernels(o.kernels), sets, o.rounds, o.duration, o.seed) > 0 {
		return 1
	}
	return 0
}
