// Package deploy holds no code: its tests check the container files at the
// root of the module (Dockerfile, .dockerignore and compose.yaml) against
// the module itself, since no Docker engine runs where the tests do.
package deploy
