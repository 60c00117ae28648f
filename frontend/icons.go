//go:build !wasm

package main

import (
	"bytes"
	"fmt"
	"image"
	"image/color"
	"image/png"
	"math"
)

// iconSpec describes one app icon: a white check mark on the theme colour.
// A maskable icon fills the whole square and keeps the mark inside the
// central circle of 80% diameter that platforms never crop.
type iconSpec struct {
	Size     int
	Maskable bool
}

// checkMark is the mark's polyline in units of the icon's side length.
var checkMark = [3][2]float64{{0.30, 0.52}, {0.44, 0.66}, {0.71, 0.36}}

func (s iconSpec) png() ([]byte, error) {
	img := image.NewNRGBA(image.Rect(0, 0, s.Size, s.Size))
	theme := color.NRGBA{R: 0x1d, G: 0x5c, B: 0x85, A: 0xff}
	size := float64(s.Size)

	scale, offset := 1.0, 0.0
	if s.Maskable {
		scale, offset = 0.8, 0.1
	}
	stroke := 0.075 * size * scale
	radius := 0.2 * size

	for y := 0; y < s.Size; y++ {
		for x := 0; x < s.Size; x++ {
			px, py := float64(x)+0.5, float64(y)+0.5

			background := 1.0
			if !s.Maskable {
				background = coverage(roundedSquareDistance(px, py, size, radius))
			}
			if background == 0 {
				continue
			}

			d := math.Inf(1)
			for i := 0; i+1 < len(checkMark); i++ {
				a, b := checkMark[i], checkMark[i+1]
				d = math.Min(d, segmentDistance(px, py,
					(offset+a[0]*scale)*size, (offset+a[1]*scale)*size,
					(offset+b[0]*scale)*size, (offset+b[1]*scale)*size))
			}
			mark := coverage(d - stroke/2)

			img.SetNRGBA(x, y, color.NRGBA{
				R: blend(theme.R, 0xff, mark),
				G: blend(theme.G, 0xff, mark),
				B: blend(theme.B, 0xff, mark),
				A: uint8(math.Round(background * 255)),
			})
		}
	}

	var buf bytes.Buffer
	if err := png.Encode(&buf, img); err != nil {
		return nil, fmt.Errorf("encoding the %d pixel icon: %w", s.Size, err)
	}
	return buf.Bytes(), nil
}

// coverage turns a signed distance in pixels (negative inside) into the
// share of a pixel covered, for simple anti-aliasing.
func coverage(distance float64) float64 {
	return math.Max(0, math.Min(1, 0.5-distance))
}

func blend(from, to uint8, t float64) uint8 {
	return uint8(math.Round(float64(from)*(1-t) + float64(to)*t))
}

// roundedSquareDistance is the signed distance from (x, y) to a size×size
// square with corners of radius r.
func roundedSquareDistance(x, y, size, r float64) float64 {
	half := size / 2
	qx := math.Abs(x-half) - (half - r)
	qy := math.Abs(y-half) - (half - r)
	outside := math.Hypot(math.Max(qx, 0), math.Max(qy, 0))
	inside := math.Min(math.Max(qx, qy), 0)
	return outside + inside - r
}

// segmentDistance is the distance from (px, py) to the segment (ax, ay)-(bx, by).
func segmentDistance(px, py, ax, ay, bx, by float64) float64 {
	dx, dy := bx-ax, by-ay
	t := ((px-ax)*dx + (py-ay)*dy) / (dx*dx + dy*dy)
	t = math.Max(0, math.Min(1, t))
	return math.Hypot(px-(ax+t*dx), py-(ay+t*dy))
}

// iconSVG draws the same icon as a vector image.
func iconSVG() string {
	points := ""
	for _, p := range checkMark {
		points += fmt.Sprintf("%g,%g ", p[0]*100, p[1]*100)
	}
	return `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 100 100">` +
		`<rect width="100" height="100" rx="20" fill="` + themeColor + `"/>` +
		`<polyline points="` + points[:len(points)-1] + `" fill="none" stroke="#fff" stroke-width="7.5" stroke-linecap="round" stroke-linejoin="round"/>` +
		"</svg>\n"
}
