package main

import "github.com/envelope-cli/envelope/internal/render"

// formatValue writes a base-unit value so that it reads back exactly.
func formatValue(v float64) string { return render.FormatValue(v) }
