// Package syntax reads envelope's formula language into a syntax tree.
//
// The language is arithmetic over quantities: numbers written with their
// units ("500 B", "2.5M s", "10 requests/user/day", "100 s^-1", "2^30 B"),
// the operators + - * / ^ and per, comparisons (chained, as in
// a < b < c), conditions (c ? a : b, and, or, not), calls of a few
// functions and a conversion at the end ("1 TB/day -> Mbps").
//
// The package knows the shape of the language but not the meaning of its
// words: whether "MB" is a unit, "user" a counted thing or "dau" a name
// is decided by the [Words] the caller gives, and what they measure by
// the caller's checker (package estimate). That keeps this package free
// of units and dimensions, and lets one grammar serve scenario files, the
// command line and the browser alike.
//
// Every node keeps the byte offsets of its text. Parse reports the first
// problem as an [*Error] with the byte offset of the fault and a message
// written for the person who typed the formula. It enforces [MaxSize]
// and [MaxDepth] itself, so no input can make it recurse without bound.
package syntax
