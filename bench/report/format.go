package report

import (
	"fmt"
	"strings"
	"time"
)

// table writes a Markdown table. Pipes inside cells are escaped.
func table(b *strings.Builder, header []string, rows [][]string) {
	writeRow(b, header)
	separators := make([]string, len(header))
	for i := range separators {
		separators[i] = "---"
	}
	writeRow(b, separators)
	for _, row := range rows {
		writeRow(b, row)
	}
}

func writeRow(b *strings.Builder, cells []string) {
	b.WriteString("|")
	for _, c := range cells {
		b.WriteString(" ")
		b.WriteString(strings.ReplaceAll(c, "|", `\|`))
		b.WriteString(" |")
	}
	b.WriteString("\n")
}

func formatDuration(d time.Duration) string {
	ms := float64(d) / float64(time.Millisecond)
	switch {
	case d <= 0:
		return "–"
	case ms < 10:
		return fmt.Sprintf("%.2f ms", ms)
	case ms < 100:
		return fmt.Sprintf("%.1f ms", ms)
	default:
		return fmt.Sprintf("%.0f ms", ms)
	}
}

func formatRate(rate float64) string {
	if rate < 100 {
		return fmt.Sprintf("%.1f", rate)
	}
	return fmt.Sprintf("%.0f", rate)
}

func formatBytes(n int64) string {
	const mib = 1 << 20
	switch {
	case n <= 0:
		return "–"
	case n < mib:
		return fmt.Sprintf("%.0f KiB", float64(n)/1024)
	case n >= 4<<30:
		return fmt.Sprintf("%.1f GiB", float64(n)/(1<<30))
	default:
		return fmt.Sprintf("%.1f MiB", float64(n)/mib)
	}
}

func formatPercent(f float64) string {
	return fmt.Sprintf("%.0f %%", f*100)
}

// formatRatio shows rate as a fraction of its ceiling, with the ceiling's
// name, or a dash when there is none.
func formatRatio(rate, ceiling float64, name string) string {
	if ceiling <= 0 {
		return "–"
	}
	return fmt.Sprintf("%.2f of %s", rate/ceiling, name)
}

func formatTail(p50, p99 time.Duration) string {
	if p50 <= 0 {
		return "–"
	}
	return fmt.Sprintf("%.1f", float64(p99)/float64(p50))
}

func orUnknown(s string) string {
	if s == "" {
		return "unknown"
	}
	return s
}

func safeDiv(a, b float64) float64 {
	if b == 0 {
		return 0
	}
	return a / b
}
