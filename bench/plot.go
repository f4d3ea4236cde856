package main

import (
	"errors"
	"fmt"
	"image/color"
	"io"
	"math"
	"slices"
	"strconv"
	"strings"

	"github.com/simdact/simdact/internal/impls"

	"gonum.org/v1/plot"
	"gonum.org/v1/plot/plotter"
	"gonum.org/v1/plot/plotutil"
	"gonum.org/v1/plot/vg"
	"gonum.org/v1/plot/vg/draw"
	"gonum.org/v1/plot/vg/vgsvg"
)

// The chart's layout: panels of this size, this many a row, under a title
// and left of the legend that they share.
const (
	panelWidth   = 4.5 * vg.Inch
	panelHeight  = 3.2 * vg.Inch
	panelsPerRow = 2
	titleHeight  = 0.5 * vg.Inch
	legendWidth  = 1.7 * vg.Inch
)

var roofColor = color.Gray{Y: 0x50}

func init() {
	plot.DefaultFont.Variant = "Sans"
	plotter.DefaultFont.Variant = "Sans"
}

// writeSVG draws rep as an SVG chart: a panel per kernel with its
// throughput (GB/s, log scale, the same range in every panel) against the
// size of the call (elements, log scale), a line per implementation, Go's
// copy as a dashed roof, and dotted verticals where the data of a copy
// (8 bytes an element) fills L1d, L2 and L3.
func writeSVG(w io.Writer, rep report) error {
	byKernel := map[string][]result{}
	var kernels, impls []string
	lo, hi := math.Inf(1), 0.0
	for _, r := range rep.Results {
		if _, seen := byKernel[r.Kernel]; !seen && r.Kernel != copyKernel {
			kernels = append(kernels, r.Kernel)
		}
		if r.Impl != copyImpl && !slices.Contains(impls, r.Impl) {
			impls = append(impls, r.Impl)
		}
		byKernel[r.Kernel] = append(byKernel[r.Kernel], r)
		lo, hi = min(lo, r.GBps), max(hi, r.GBps)
	}
	if len(kernels) == 0 {
		return errors.New("no kernel was measured")
	}

	rows := (len(kernels) + panelsPerRow - 1) / panelsPerRow
	plots := make([][]*plot.Plot, rows)
	for i := range plots {
		plots[i] = make([]*plot.Plot, panelsPerRow)
	}
	legend := plot.NewLegend()
	legend.Top, legend.Left = true, true
	legend.TextStyle.Font.Size, legend.Padding = vg.Points(10), vg.Points(4)
	for i, k := range kernels {
		into := &legend
		if i > 0 {
			into = nil
		}
		p, err := panel(k, byKernel[k], byKernel[copyKernel], impls, rep.Machine, lo/1.5, hi*1.2, into)
		if err != nil {
			return err
		}
		plots[i/panelsPerRow][i%panelsPerRow] = p
	}

	c := vgsvg.New(panelsPerRow*panelWidth+legendWidth, vg.Length(rows)*panelHeight+titleHeight)
	dc := draw.New(c)
	title := plot.New().Title.TextStyle
	title.Font.Size = vg.Points(14)
	title.XAlign, title.YAlign = draw.XCenter, draw.YCenter
	dc.FillText(title, vg.Point{X: dc.Center().X, Y: dc.Max.Y - titleHeight/2},
		fmt.Sprintf("simdact on %s, %s/%s (selects %s)", rep.Machine.Name(), rep.Machine.GOOS, rep.Machine.GOARCH, rep.Machine.Selected))
	body := draw.Crop(dc, 0, 0, 0, -titleHeight)
	tiles := draw.Tiles{Rows: rows, Cols: panelsPerRow, PadX: vg.Inch / 4, PadY: vg.Inch / 4, PadLeft: vg.Inch / 8, PadBottom: vg.Inch / 8}
	canvases := plot.Align(plots, tiles, draw.Crop(body, 0, -legendWidth, 0, 0))
	for i, row := range plots {
		for j, p := range row {
			if p != nil {
				p.Draw(canvases[i][j])
			}
		}
	}
	legend.Draw(draw.Crop(body, panelsPerRow*panelWidth+vg.Inch/8, 0, 0, -vg.Inch/4))
	_, err := c.WriteTo(w)
	return err
}

// panel plots one kernel's results, and adds an entry for every line to
// legend unless it is nil.
func panel(kernel string, results, roof []result, impls []string, m machine, lo, hi float64, legend *plot.Legend) (*plot.Plot, error) {
	p := plot.New()
	p.Title.Text = fmt.Sprintf("%s (%d bytes an element)", kernel, results[0].BytesPerElement)
	p.X.Label.Text = "n (float32 elements)"
	p.Y.Label.Text = "GB/s"
	p.X.Scale, p.Y.Scale = plot.LogScale{}, plot.LogScale{}
	p.X.Tick.Marker, p.Y.Tick.Marker = plot.TickerFunc(sizeTicks), plot.TickerFunc(rateTicks)
	p.Y.Min, p.Y.Max = lo, hi
	p.Add(plotter.NewGrid())
	add := func(name string, thumbs ...plot.Thumbnailer) {
		if legend != nil {
			legend.Add(name, thumbs...)
		}
	}

	if err := addCacheEdges(p, m, lo, hi); err != nil {
		return nil, err
	}

	copyLine, err := plotter.NewLine(throughput(roof))
	if err != nil {
		return nil, err
	}
	copyLine.Color, copyLine.Width, copyLine.Dashes = roofColor, vg.Points(1.5), []vg.Length{vg.Points(6), vg.Points(3)}
	p.Add(copyLine)
	add("Go copy (roof)", copyLine)

	for i, impl := range impls {
		var own []result
		for _, r := range results {
			if r.Impl == impl {
				own = append(own, r)
			}
		}
		line, points, err := plotter.NewLinePoints(throughput(own))
		if err != nil {
			return nil, err
		}
		line.Color, points.Color, points.Shape = plotutil.Color(i), plotutil.Color(i), plotutil.Shape(i)
		p.Add(line, points)
		add(impl, line, points)
	}
	return p, nil
}

// addCacheEdges adds to p dotted verticals, from lo to hi, where the data
// of a copy (8 bytes an element) fills each cache whose size m knows.
func addCacheEdges(p *plot.Plot, m machine, lo, hi float64) error {
	for _, c := range []struct {
		name  string
		bytes int
	}{{"L1d", m.L1D}, {"L2", m.L2}, {"L3", m.L3}} {
		if c.bytes <= 0 {
			continue
		}
		x := float64(c.bytes) / 8
		edge, err := plotter.NewLine(plotter.XYs{{X: x, Y: lo}, {X: x, Y: hi}})
		if err != nil {
			return err
		}
		edge.Color, edge.Dashes = roofColor, []vg.Length{vg.Points(1), vg.Points(3)}
		label, err := plotter.NewLabels(plotter.XYLabels{XYs: plotter.XYs{{X: x, Y: hi}}, Labels: []string{" " + c.name}})
		if err != nil {
			return err
		}
		label.TextStyle[0].YAlign = draw.YTop
		p.Add(edge, label)
	}
	return nil
}

// The summary chart's layout.
const (
	summaryWidth       = 7 * vg.Inch
	summaryHeight      = 5 * vg.Inch
	summaryLegendWidth = 2.7 * vg.Inch
)

// writeSummarySVG draws the summary of rep as an SVG chart on one page:
// the ×copy of each kernel of the summary in the API (the implementation
// simdact selects) against the size of the call (elements, log scale), a
// line per kernel, with Go's copy as a dashed line at 1 and dotted
// verticals where the data of a copy fills L1d, L2 and L3. A function's
// forward and backward kernels share a colour and a marker; the backward
// lines are dashed.
func writeSummarySVG(w io.Writer, rep report) error {
	byKernel := map[string]plotter.XYs{}
	hi, left, right := 1.0, math.Inf(1), 0.0
	for _, r := range rep.Results {
		if r.Impl == impls.API.Name && r.VsCopy > 0 {
			byKernel[r.Kernel] = append(byKernel[r.Kernel], plotter.XY{X: float64(r.N), Y: r.VsCopy})
			hi, left, right = max(hi, r.VsCopy), min(left, float64(r.N)), max(right, float64(r.N))
		}
	}
	var kernels []string
	for _, k := range summaryKernels(rep) {
		if byKernel[k] != nil {
			kernels = append(kernels, k)
		}
	}
	if len(kernels) == 0 {
		return errors.New("no kernel was measured in " + impls.API.Name)
	}
	hi *= 1.1

	p := plot.New()
	p.X.Label.Text = "n (float32 elements)"
	p.Y.Label.Text = "×copy: GB/s over Go's copy's at the same n"
	p.X.Scale, p.X.Tick.Marker = plot.LogScale{}, plot.TickerFunc(sizeTicks)
	p.X.Min, p.X.Max = left/1.5, right*1.5
	p.Y.Min, p.Y.Max = 0, hi
	p.Add(plotter.NewGrid())
	if err := addCacheEdges(p, rep.Machine, 0, hi); err != nil {
		return err
	}
	legend := plot.NewLegend()
	legend.Top, legend.Left = true, true
	legend.TextStyle.Font.Size, legend.Padding = vg.Points(9), vg.Points(3)

	roof, err := plotter.NewLine(plotter.XYs{{X: p.X.Min, Y: 1}, {X: p.X.Max, Y: 1}})
	if err != nil {
		return err
	}
	roof.Color, roof.Width, roof.Dashes = roofColor, vg.Points(1.5), []vg.Length{vg.Points(6), vg.Points(3)}
	p.Add(roof)
	legend.Add("Go copy (×1)", roof)

	var families, variants []string
	for _, k := range kernels {
		family, variant := splitKernel(k)
		if !slices.Contains(families, family) {
			families = append(families, family)
		}
		if !slices.Contains(variants, variant) {
			variants = append(variants, variant)
		}
		line, points, err := plotter.NewLinePoints(byKernel[k])
		if err != nil {
			return err
		}
		i := slices.Index(families, family)
		c := plotutil.DarkColors[i%len(plotutil.DarkColors)]
		line.Color, line.Width, points.Color, points.Shape = c, vg.Points(1.5), c, plotutil.Shape(i)
		line.Dashes = plotutil.Dashes(slices.Index(variants, variant))
		p.Add(line, points)
		legend.Add(k, line, points)
	}

	c := newCanvas(summaryWidth+summaryLegendWidth, summaryHeight+titleHeight)
	dc := draw.New(c)
	title := plot.New().Title.TextStyle
	title.Font.Size = vg.Points(13)
	title.XAlign, title.YAlign = draw.XCenter, draw.YCenter
	dc.FillText(title, vg.Point{X: dc.Center().X, Y: dc.Max.Y - titleHeight/2},
		fmt.Sprintf("simdact's %s (selects %s) against Go's copy on %s, %s/%s",
			impls.API.Name, rep.Machine.Selected, rep.Machine.Name(), rep.Machine.GOOS, rep.Machine.GOARCH))
	body := draw.Crop(dc, vg.Inch/8, 0, vg.Inch/8, -titleHeight)
	p.Draw(draw.Crop(body, 0, -summaryLegendWidth, 0, 0))
	legend.Draw(draw.Crop(body, summaryWidth, 0, 0, 0))
	_, err = c.WriteTo(w)
	return err
}

// newCanvas makes the canvas the charts draw on: SVG, unless a test
// wants to look at a chart in another format.
var newCanvas = func(w, h vg.Length) vg.CanvasWriterTo { return vgsvg.New(w, h) }

// splitKernel splits a kernel's name into its function, without
// "Backward", and "Backward" and what follows it in the function's name:
// "ELUBackwardFromOutput" into "ELU" and "BackwardFromOutput",
// "PReLUBackward/layout=nhwc-064" into "PReLU/layout=nhwc-064" and
// "Backward", "ReLU" into "ReLU" and "".
func splitKernel(name string) (family, variant string) {
	function, params, _ := strings.Cut(name, "/")
	if i := strings.Index(function, "Backward"); i >= 0 {
		function, variant = function[:i], function[i:]
	}
	if params != "" {
		function += "/" + params
	}
	return function, variant
}

// throughput returns the points (n, GB/s) of results.
func throughput(results []result) plotter.XYs {
	xys := make(plotter.XYs, len(results))
	for i, r := range results {
		xys[i] = plotter.XY{X: float64(r.N), Y: r.GBps}
	}
	return xys
}

// sizeTicks marks the powers of 4 in [lo, hi], labelling the powers of 16
// (16, 256, 4K, 64K, 1M, 16M).
func sizeTicks(lo, hi float64) []plot.Tick {
	var ticks []plot.Tick
	for e := max(0, int(math.Ceil(math.Log2(lo)))); e <= int(math.Floor(math.Log2(hi))); e++ {
		if e%2 != 0 {
			continue
		}
		t := plot.Tick{Value: math.Ldexp(1, e)}
		switch {
		case e%4 != 0:
		case e >= 20:
			t.Label = fmt.Sprintf("%dM", 1<<(e-20))
		case e >= 10:
			t.Label = fmt.Sprintf("%dK", 1<<(e-10))
		default:
			t.Label = strconv.Itoa(1 << e)
		}
		ticks = append(ticks, t)
	}
	return ticks
}

// rateTicks labels 1, 2 and 5 times the powers of ten in [lo, hi].
func rateTicks(lo, hi float64) []plot.Tick {
	var ticks []plot.Tick
	for e := math.Floor(math.Log10(lo)); e <= math.Ceil(math.Log10(hi)); e++ {
		for _, m := range []float64{1, 2, 5} {
			if v := m * math.Pow(10, e); lo <= v && v <= hi {
				ticks = append(ticks, plot.Tick{Value: v, Label: strconv.FormatFloat(v, 'g', -1, 64)})
			}
		}
	}
	return ticks
}
