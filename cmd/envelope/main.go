// Command envelope turns a few facts about a system into QPS, storage,
// bandwidth, cache memory, server counts and cost, and shows its working.
package main

import "os"

func main() { os.Exit(Main()) }
