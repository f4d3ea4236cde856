// Command bench measures simdact's kernels on this computer's CPU and checks
// that every implementation the CPU runs agrees with the specification that
// the pure-Go kernels and the tests follow.
//
// Usage:
//
//	go -C bench run . [flags]          measure (the default command)
//	go -C bench run . verify [flags]   fuzz-compare the implementations
//
// By default the benchmark prints a screenful: the CPU (cpuid's view:
// brand, features, caches, cores), the implementation simdact selects and
// the size of call from which its assembly streams stores, then a line per
// kernel with the speed of the public API (what simdact's users get, named
// "api") at an L1-, L2-, L3- and DRAM-sized call: the calls whose data (8
// bytes an element, as a copy) fill half of L1d, half of L2, half of L3
// and four times L3. Where the CPU does not tell a cache's size the tool
// assumes one (L3 as 8 times L2, say) and marks the sizes that rest on it
// with ~. Each cell has two ratios: ×copy, the kernel's throughput (bytes
// read plus written) over that of Go's copy at the same size, in the same
// run (copy is the roof of a kernel with one input and one output), and
// ×generic, its speedup over the pure-Go kernel. PReLU shows two of its
// layouts, one channels-first and one channels-last. This measures Go's
// copy, generic and the API only, so it takes seconds.
//
// With -full it measures every kernel (PReLU in every layout) in every
// implementation this CPU runs, at the sizes of the root package's
// benchmarks and those from the caches, and prints the whole table: for
// each the median time per element, the throughput, the spread of the
// timed batches, ×copy and ×generic.
//
// Progress and notes go to standard error; standard output has only the
// report. With -json or -benchstat it prints, instead, JSON or text that
// benchstat reads (named as the root package's benchmarks, so it compares
// with go test -bench), of every measurement the run made: with -full,
// all of them. -svg draws a panel per kernel with the throughput of each
// implementation measured against size; -summary-svg draws on one page
// every kernel of the summary's ×copy against size, in the API; -save
// writes the table, the summary, JSON, benchmark text and both charts,
// named after the CPU (NAME.table.txt, NAME.summary.txt, NAME.json,
// NAME.benchstat.txt, NAME.svg, NAME.summary.svg). Like the other outputs,
// they hold what the run measured: -full -save is what bench/results has.
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
	"slices"
	"strings"
	"time"

	"github.com/simdact/simdact/internal/impls"
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
	timing timing
	// full measures every implementation this CPU runs, not only generic
	// and the API, at fixedSizes too, and prints the whole table.
	full    bool
	kernels *regexp.Regexp
	named   bool   // -kernel chose the kernels: measure every one it matches
	sizes   []int  // nil: those derived from the caches (and fixedSizes, if full)
	cols    []int  // the row lengths of the row kernels; nil: peersCols
	format  string // "summary", "table", "json" or "benchstat"
	svg     string // the chart's file, or ""
	summary string // the summary chart's file, or ""
	save    string // the directory for the results named after the CPU, or ""
}

func parseBench(args []string, stderr io.Writer) (benchOptions, error) {
	fs := flag.NewFlagSet("bench", flag.ContinueOnError)
	fs.SetOutput(stderr)
	full := fs.Bool("full", false, "measure every implementation this CPU runs, every PReLU layout, at the root package's benchmark sizes too,\nand print the whole table")
	count := fs.Int("count", 7, "time `N` batches of calls per measurement")
	batch := fs.Duration("batch", 2*time.Millisecond, "make each batch last at least `D`")
	kernels := fs.String("kernel", "", "measure only the kernels whose names match `REGEXP`, and every one of them (any PReLU layout)")
	sizes := fs.String("sizes", "", "measure calls of these `SIZES` of elements, as 1000,16K,4M (K = 1024)")
	cols := fs.String("cols", "", "time Softmax, LogSoftmax and their backward passes with rows of these `COLS`\n(default 256), as 1,7,1000; \"all\": "+joinInts(sweepCols))
	quick := fs.Bool("quick", false, fmt.Sprintf("a few seconds' check: -count 3 -batch 500µs -sizes %s", joinInts(quickSizes)))
	asJSON := fs.Bool("json", false, "print JSON of every measurement instead of the report")
	asText := fs.Bool("benchstat", false, "print Go benchmark text of every measurement, which benchstat reads, instead of the report")
	svg := fs.String("svg", "", "draw each kernel's throughput against size, a line per implementation, into the SVG `FILE`")
	summary := fs.String("summary-svg", "", "draw every kernel's ×copy against size, in the implementation simdact selects, into the SVG `FILE`")
	save := fs.String("save", "", "also write the results, named after the CPU, as table, summary, JSON, benchmark text and both charts into `DIR`")
	fs.Usage = func() {
		fmt.Fprintln(stderr, "usage: bench [flags]: measure the kernels simdact selects on this CPU against Go's copy and the")
		fmt.Fprintln(stderr, "       pure-Go kernels at an L1-, L2-, L3- and DRAM-sized call; -full: every implementation and size")
		fmt.Fprintln(stderr, "       bench verify [flags]: check every implementation (bench verify -h says more)")
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
	o := benchOptions{timing: timing{Count: *count, Batch: *batch}, full: *full, named: *kernels != "",
		format: "summary", svg: *svg, summary: *summary, save: *save}
	if *full {
		o.format = "table"
	}
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
		if o.sizes, err = parseSizes(*sizes); err != nil {
			return o, err
		}
	}
	switch *cols {
	case "":
	case "all":
		o.cols = sweepCols
	default:
		o.cols, err = parseSizes(*cols)
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
	{"table", ".table.txt"}, {"summary", ".summary.txt"}, {"json", ".json"}, {"benchstat", ".benchstat.txt"},
	{"svg", ".svg"}, {"summary-svg", ".summary.svg"},
}

// plan returns what a run measures on m: the kernels, the implementations
// and the sizes; the kernels its summary shows; and notes on what it
// leaves out or assumes.
func plan(o benchOptions, m machine) (ks []kernel, sets []impls.Set, sizes []size, summary, notes []string) {
	switch {
	case o.sizes != nil:
		for _, n := range o.sizes {
			sizes = append(sizes, size{N: n})
		}
	case o.full:
		sizes, notes = sizesFor(m, fixedSizes)
	default:
		sizes, notes = sizesFor(m, nil)
	}
	if o.full {
		var cannot []string
		sets, cannot = implementations()
		for _, name := range cannot {
			notes = append(notes, name+": not measured, this CPU cannot run it")
		}
	} else {
		sets = []impls.Set{impls.Generic, impls.API}
	}
	var left []string     // the kernels whose layouts the summary leaves out
	var backward []string // the backward passes it leaves out
	selected := selectKernels(o.kernels)
	if o.cols != nil {
		selected = withCols(selected, o.cols, o.kernels)
	}
	for _, k := range selected {
		fn, _, _ := strings.Cut(k.name, "/")
		switch {
		case o.named || !k.detail:
			summary = append(summary, k.name)
		case isBackward(fn):
			if !slices.Contains(backward, fn) {
				backward = append(backward, fn)
			}
		case strings.Contains(k.name, "/layout=") && !slices.Contains(left, fn):
			left = append(left, fn)
		}
		if o.full || o.named || !k.detail {
			ks = append(ks, k)
		}
	}
	if left != nil {
		how := "-full measures"
		if o.full {
			how = "the table shows"
		}
		notes = append(notes, fmt.Sprintf("%s: the summary shows %s layouts; %s every one",
			strings.Join(left, ", "), summaryLayouts(), how))
	}
	if backward != nil {
		how := "-full measures them"
		if o.full {
			how = "the table shows them"
		}
		notes = append(notes, fmt.Sprintf("the summary shows the forward passes and leaves out the %d backward passes; %s", len(backward), how))
	}
	notes = append(notes, tooSmall(ks, sizes)...)
	return ks, sets, sizes, summary, notes
}

// summaryLayouts lists the PReLU layouts that the summary shows.
func summaryLayouts() string {
	var names []string
	for _, l := range preluLayouts {
		if !l.detail {
			names = append(names, l.name)
		}
	}
	return strings.Join(names, " and ")
}

func benchCommand(o benchOptions, stdout, stderr io.Writer) int {
	m := thisMachine()
	ks, sets, sizes, summary, notes := plan(o, m)
	for _, note := range notes {
		fmt.Fprintln(stderr, "bench:", note)
	}
	rep := report{Machine: m, Date: time.Now().UTC().Format(time.RFC3339), Timing: o.timing,
		Sizes: sizes, Notes: notes, Summary: summary}
	rep.Results = measureAll(ks, sets, sizes, o.timing, newProgress(stderr))

	writers := map[string]func(io.Writer, report) error{
		"table": writeTable, "summary": writeSummary, "json": writeJSON, "benchstat": writeBenchText,
		"svg": writeSVG, "summary-svg": writeSummarySVG}
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
	if o.summary != "" {
		write(o.summary, "summary-svg")
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
