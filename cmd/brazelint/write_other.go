//go:build !unix

package main

import "io/fs"

// ownership is unknown here: files keep their owner as the system has it.
func ownership(fs.FileInfo) (uid, gid int, links uint64, ok bool) { return 0, 0, 1, false }

// writable reports whether the file is not marked read-only.
func writable(_ string, info fs.FileInfo) bool { return info.Mode().Perm()&0o200 != 0 }
