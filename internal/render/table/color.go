package table

// ANSI styles for Paint.
const (
	Bold  = "\x1b[1m"
	Red   = "\x1b[31m"
	Green = "\x1b[32m"
	reset = "\x1b[0m"
)

// Paint styles s when on is set: colour only for a terminal.
func Paint(on bool, style, s string) string {
	if !on {
		return s
	}
	return style + s + reset
}
