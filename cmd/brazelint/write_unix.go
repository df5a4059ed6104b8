//go:build unix

package main

import (
	"io/fs"
	"os"
	"syscall"
)

// ownership is the owner, group and hard-link count of a file.
func ownership(info fs.FileInfo) (uid, gid int, links uint64, ok bool) {
	st, ok := info.Sys().(*syscall.Stat_t)
	if !ok {
		return 0, 0, 1, false
	}
	return int(st.Uid), int(st.Gid), uint64(st.Nlink), true
}

// writable reports whether this user may write the file at path. Root may
// write anything, so for root a file no one may write counts as read-only:
// someone made it so on purpose.
func writable(path string, info fs.FileInfo) bool {
	if os.Geteuid() == 0 {
		return info.Mode().Perm()&0o222 != 0
	}
	return syscall.Access(path, 2 /* W_OK */) == nil
}
