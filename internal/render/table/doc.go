// Package table writes envelope's default output format, "table", for
// a terminal: tables with box-drawing borders that fit the terminal's
// width, their cells wrapped by display width; a result's working,
// expectations and published figures in aligned columns; a sweep's
// tables; and ANSI colour when the output is a terminal.
//
// It is apart from package render, which it builds on (render.View,
// render.Table, render.SweepView), because it is the only user of a
// table library (tablewriter) and of the terminal's width tables: the
// web page's WebAssembly engine, which links render, links neither. It
// is internal, and the command line (cmd/envelope) is its only user.
//
// Every cell is untrusted text and is escaped (see render.Escape).
package table
