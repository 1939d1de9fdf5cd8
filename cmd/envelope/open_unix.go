//go:build unix

package main

import "syscall"

// openNonblock keeps open(2) of a FIFO with no writer from blocking.
const openNonblock = syscall.O_NONBLOCK
