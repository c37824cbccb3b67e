//go:build !unix

package ingest

import "os"

// tryLock cannot lock a folder on this system: concurrent ingests are not
// kept apart here.
func tryLock(*os.File) (bool, error) { return true, nil }

func unlockFile(*os.File) error { return nil }
