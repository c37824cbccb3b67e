package admin

import (
	"context"
	"errors"
	"io"
	"net"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/prometheus/client_golang/prometheus"
	"github.com/prometheus/common/expfmt"
	"github.com/prometheus/common/model"

	"github.com/footnote-bot/footnote/metrics"
)

func get(t *testing.T, url string) (int, string) {
	t.Helper()
	resp, err := http.Get(url)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	b, err := io.ReadAll(resp.Body)
	if err != nil {
		t.Fatal(err)
	}
	return resp.StatusCode, string(b)
}

func TestHealthz(t *testing.T) {
	srv := httptest.NewServer(New(":0", nil, func() error { return errors.New("index loading") }, nil).Handler())
	defer srv.Close()
	code, body := get(t, srv.URL+"/healthz")
	if code != 200 || strings.TrimSpace(body) != "ok" {
		t.Fatalf("healthz: %d %q", code, body)
	}
	// liveness does not depend on readiness
	resp, err := http.Post(srv.URL+"/healthz", "text/plain", nil)
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if resp.StatusCode != http.StatusMethodNotAllowed {
		t.Errorf("POST /healthz: %d", resp.StatusCode)
	}
	if code, _ := get(t, srv.URL+"/metrics"); code != http.StatusNotFound {
		t.Errorf("/metrics without a registry: %d", code)
	}
}

func TestReadyzFlips(t *testing.T) {
	var ready atomic.Bool
	srv := httptest.NewServer(New(":0", nil, func() error {
		if !ready.Load() {
			return errors.New("discord gateway not connected")
		}
		return nil
	}, nil).Handler())
	defer srv.Close()

	code, body := get(t, srv.URL+"/readyz")
	if code != http.StatusServiceUnavailable || !strings.Contains(body, "discord gateway not connected") {
		t.Fatalf("before ready: %d %q", code, body)
	}
	ready.Store(true)
	if code, body := get(t, srv.URL+"/readyz"); code != 200 {
		t.Fatalf("after ready: %d %q", code, body)
	}
	ready.Store(false)
	if code, _ := get(t, srv.URL+"/readyz"); code != http.StatusServiceUnavailable {
		t.Fatalf("after losing readiness: %d", code)
	}
	// a nil ready is always ready
	srv2 := httptest.NewServer(New(":0", nil, nil, nil).Handler())
	defer srv2.Close()
	if code, _ := get(t, srv2.URL+"/readyz"); code != 200 {
		t.Fatalf("nil ready: %d", code)
	}
}

func TestMetricsExposeCounters(t *testing.T) {
	reg := prometheus.NewRegistry()
	m := metrics.New(reg)
	m.Question(metrics.ModeGenerative, metrics.OutcomeAnswered)
	m.Question(metrics.ModeGenerative, metrics.OutcomeAnswered)
	m.Pin(metrics.PinPinned)

	srv := httptest.NewServer(New(":0", reg, nil, nil).Handler())
	defer srv.Close()
	code, body := get(t, srv.URL+"/metrics")
	if code != 200 {
		t.Fatalf("metrics: %d", code)
	}
	p := expfmt.NewTextParser(model.UTF8Validation)
	families, err := p.TextToMetricFamilies(strings.NewReader(body))
	if err != nil {
		t.Fatalf("parse: %v\n%s", err, body)
	}
	f := families["footnote_questions_total"]
	if f == nil {
		t.Fatalf("no footnote_questions_total in\n%s", body)
	}
	found := false
	for _, mt := range f.GetMetric() {
		labels := map[string]string{}
		for _, l := range mt.GetLabel() {
			labels[l.GetName()] = l.GetValue()
		}
		if labels["mode"] == "generative" && labels["outcome"] == "answered" {
			found = true
			if v := mt.GetCounter().GetValue(); v != 2 {
				t.Errorf("answered = %v, want 2", v)
			}
		}
	}
	if !found {
		t.Error("no series for mode=generative outcome=answered")
	}
	if _, ok := families["promhttp_metric_handler_requests_total"]; !ok {
		t.Error("the handler's own metrics are missing")
	}
}

func TestRunServesAndShutsDown(t *testing.T) {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	addr := ln.Addr().String()
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan error, 1)
	go func() { done <- New(addr, prometheus.NewRegistry(), nil, nil).Serve(ctx, ln) }()

	if err := Probe(context.Background(), "http://"+addr); err != nil {
		t.Fatalf("probe of a live server: %v", err)
	}
	if err := Probe(context.Background(), addr); err != nil {
		t.Fatalf("probe by address: %v", err)
	}
	cancel()
	select {
	case err := <-done:
		if err != nil {
			t.Fatalf("Run after cancel: %v", err)
		}
	case <-time.After(ShutdownTimeout + 2*time.Second):
		t.Fatal("Run did not return after cancel")
	}
	if err := Probe(context.Background(), "http://"+addr+"/healthz"); err == nil {
		t.Fatal("probe succeeded after shutdown")
	}
}

func TestRunReportsListenErrors(t *testing.T) {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer ln.Close()
	err = New(ln.Addr().String(), nil, nil, nil).Run(context.Background())
	if err == nil || !strings.Contains(err.Error(), "admin") {
		t.Fatalf("listening on a taken port: %v", err)
	}
}

func TestRunWithContextAlreadyDone(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	err := New("127.0.0.1:0", nil, nil, nil).Run(ctx)
	if err != nil && !errors.Is(err, context.Canceled) {
		t.Fatalf("Run with a done context: %v", err)
	}
}

func TestProbeFailsOnNon200(t *testing.T) {
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.URL.Path != "/healthz" {
			http.NotFound(w, r)
			return
		}
		http.Error(w, "wedged", http.StatusInternalServerError)
	}))
	defer srv.Close()
	err := Probe(context.Background(), srv.URL)
	if err == nil || !strings.Contains(err.Error(), "500") || !strings.Contains(err.Error(), "wedged") {
		t.Fatalf("probe of a failing server: %v", err)
	}
}

func TestProbeTimesOut(t *testing.T) {
	release := make(chan struct{})
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		select {
		case <-release:
		case <-r.Context().Done():
		}
	}))
	defer srv.Close()
	defer close(release)
	ctx, cancel := context.WithTimeout(context.Background(), 200*time.Millisecond)
	defer cancel()
	start := time.Now()
	if err := Probe(ctx, srv.URL+"/healthz"); err == nil {
		t.Fatal("probe of a hung server succeeded")
	}
	if time.Since(start) > 2*time.Second {
		t.Fatal("probe ignored its context deadline")
	}
}

func TestProbeIgnoresProxies(t *testing.T) {
	srv := httptest.NewServer(New(":0", nil, nil, nil).Handler())
	defer srv.Close()
	t.Setenv("HTTP_PROXY", "http://127.0.0.1:1")
	t.Setenv("http_proxy", "http://127.0.0.1:1")
	if err := Probe(context.Background(), srv.URL); err != nil {
		t.Fatalf("probe went through the proxy: %v", err)
	}
}

func TestHealthURL(t *testing.T) {
	for addr, want := range map[string]string{
		":8080":          "http://127.0.0.1:8080/healthz",
		"0.0.0.0:9090":   "http://127.0.0.1:9090/healthz",
		"[::]:8080":      "http://[::1]:8080/healthz",
		"10.0.0.5:8080":  "http://10.0.0.5:8080/healthz",
		"localhost:8080": "http://localhost:8080/healthz",
	} {
		got, err := HealthURL(addr)
		if err != nil || got != want {
			t.Errorf("HealthURL(%q) = %q, %v; want %q", addr, got, err, want)
		}
	}
	for _, bad := range []string{"", "8080", "host:"} {
		if _, err := HealthURL(bad); err == nil {
			t.Errorf("HealthURL(%q) accepted", bad)
		}
	}
}

func TestRunWithoutAddressIsOff(t *testing.T) {
	if err := New("", nil, nil, nil).Run(context.Background()); err != nil {
		t.Fatal(err)
	}
}
