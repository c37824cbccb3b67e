package config

import (
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
)

// journals are the files SQLite keeps beside a database: they belong to it
// and move with it, never alone.
var journals = []string{"-wal", "-shm", "-journal"}

// MigrateLegacy moves the named files and folders from `from` (the cache
// folder, where footnote kept everything before 0.1.0) into `to` (the data
// folder). An item is moved only when `from` has it and `to` does not, so
// running it again, or after footnote wrote new state, moves nothing and
// overwrites nothing. A file's SQLite journals (name-wal, name-shm,
// name-journal) move with it, and stay when it stays. It returns the names
// it moved. A move across file systems copies, then removes the original.
func MigrateLegacy(from, to string, names []string) ([]string, error) {
	if from == "" || to == "" || filepath.Clean(from) == filepath.Clean(to) {
		return nil, nil
	}
	var moved []string
	for _, name := range names {
		src, dst := filepath.Join(from, name), filepath.Join(to, name)
		if _, err := os.Lstat(src); errors.Is(err, fs.ErrNotExist) {
			continue
		} else if err != nil {
			return moved, fmt.Errorf("migrate %s: %w", src, err)
		}
		if _, err := os.Lstat(dst); err == nil {
			continue
		} else if !errors.Is(err, fs.ErrNotExist) {
			return moved, fmt.Errorf("migrate %s: %w", dst, err)
		}
		if err := os.MkdirAll(to, 0o755); err != nil {
			return moved, fmt.Errorf("migrate: create data folder: %w", err)
		}
		if err := move(src, dst); err != nil {
			return moved, fmt.Errorf("migrate %s to %s: %w", src, dst, err)
		}
		moved = append(moved, name)
		for _, j := range journals {
			if _, err := os.Lstat(src + j); err != nil {
				continue
			}
			if err := move(src+j, dst+j); err != nil {
				return moved, fmt.Errorf("migrate %s to %s: %w", src+j, dst+j, err)
			}
			moved = append(moved, name+j)
		}
	}
	return moved, nil
}

// move renames src to dst, or copies and removes it when rename cannot
// (another file system).
func move(src, dst string) error {
	if err := os.Rename(src, dst); err == nil {
		return nil
	}
	tmp := dst + ".migrating"
	if err := os.RemoveAll(tmp); err != nil {
		return err
	}
	if err := copyTree(src, tmp); err != nil {
		os.RemoveAll(tmp)
		return err
	}
	if err := os.Rename(tmp, dst); err != nil {
		os.RemoveAll(tmp)
		return err
	}
	return os.RemoveAll(src)
}

// copyTree copies a file or a folder of regular files and folders;
// anything else (a symlink, a device) is an error.
func copyTree(src, dst string) error {
	return filepath.WalkDir(src, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		rel, err := filepath.Rel(src, p)
		if err != nil {
			return err
		}
		target := filepath.Join(dst, rel)
		switch {
		case d.IsDir():
			return os.MkdirAll(target, 0o755)
		case d.Type().IsRegular():
			return copyFile(p, target)
		}
		return fmt.Errorf("%s is neither a file nor a folder", p)
	})
}

func copyFile(src, dst string) error {
	in, err := os.Open(src)
	if err != nil {
		return err
	}
	defer in.Close()
	out, err := os.OpenFile(dst, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o644)
	if err != nil {
		return err
	}
	if _, err := io.Copy(out, in); err != nil {
		out.Close()
		return err
	}
	return out.Close()
}
