package api

import (
	"bytes"
	"encoding/json"
	"net/netip"
	"path/filepath"
	"reflect"
	"strings"
	"testing"

	"xvs/internal/model"
)

// TestDecodeRequestFields: every JSON key of Request has a place in
// requestField (batch is decodeBatch's), so the streaming decoder and the
// struct cannot drift apart.
func TestDecodeRequestFields(t *testing.T) {
	rt := reflect.TypeOf(Request{})
	for i := range rt.NumField() {
		name, _, _ := strings.Cut(rt.Field(i).Tag.Get("json"), ",")
		if name == "batch" {
			continue
		}
		if requestField(&Request{}, name) == nil {
			t.Errorf("requestField does not know %q (field %s)", name, rt.Field(i).Name)
		}
	}
}

func fullRequest() Request {
	svc := &model.ServiceConfig{ServiceKey: model.ServiceKey{AF: model.AFInet, Protocol: 6,
		Addr: netip.MustParseAddr("198.18.0.1"), Port: 80}, Scheduler: "wlc", Flags: 1, Timeout: 300, Netmask: 0xffffffff}
	dest := &model.DestConfig{DestKey: model.DestKey{AF: model.AFInet, Addr: netip.MustParseAddr("198.18.1.1"), Port: 8080},
		Fwd: 1, Weight: 3, UThreshold: 10, LThreshold: 5}
	return Request{Op: model.OpAddDest, Service: svc, Dest: dest, Timeouts: &model.Timeouts{TCP: 900},
		Daemon: &model.SyncDaemon{}, MarkRule: &model.MarkRule{Prefix: netip.MustParsePrefix("198.18.0.0/24"), Mark: 7}}
}

// TestDecodeRequestAsEncodingJSON: the streaming decoder reads what
// encoding/json reads, batches and unknown keys included, and refuses what
// is not an object.
func TestDecodeRequestAsEncodingJSON(t *testing.T) {
	batch := Request{Op: OpBatch, Batch: []Request{fullRequest(), {Op: model.OpFlush}, fullRequest()}}
	for _, in := range []Request{fullRequest(), batch, {Op: OpBatch}} {
		raw, err := json.Marshal(in)
		if err != nil {
			t.Fatal(err)
		}
		raw = append([]byte(`{"unknown":{"x":[1,2]},`), raw[1:]...)
		var want, got Request
		if err := json.Unmarshal(raw, &want); err != nil {
			t.Fatal(err)
		}
		if err := decodeRequest(json.NewDecoder(bytes.NewReader(raw)), &got); err != nil {
			t.Fatalf("%s: %v", raw, err)
		}
		if !reflect.DeepEqual(got, want) {
			t.Errorf("%s:\ngot  %+v\nwant %+v", raw, got, want)
		}
	}
	for _, bad := range []string{`[]`, `"op"`, `{"op":"batch","batch":{}}`, `{"op":`, `{"batch":[{"op":1}]}`} {
		var got Request
		if err := decodeRequest(json.NewDecoder(strings.NewReader(bad)), &got); err == nil {
			t.Errorf("%s: no error", bad)
		}
	}
}

// TestBatchStream: a streamed batch reaches the handler whole, in order.
func TestBatchStream(t *testing.T) {
	sock := filepath.Join(t.TempDir(), "x.sock")
	l, err := Listen(sock)
	if err != nil {
		t.Fatal(err)
	}
	defer l.Close()
	got := make(chan Request, 1)
	go Serve(l, handlerFunc(func(req Request) Response {
		got <- req
		return Response{Results: make([]Response, len(req.Batch))}
	}))
	s, err := StartBatch(sock)
	if err != nil {
		t.Fatal(err)
	}
	var sent []Request
	for i := range 2000 {
		r := fullRequest()
		r.Dest.Weight = int32(i)
		sent = append(sent, r)
		if err := s.Add(r); err != nil {
			t.Fatal(err)
		}
	}
	resp, err := s.Finish()
	if err != nil {
		t.Fatal(err)
	}
	if len(resp.Results) != len(sent) {
		t.Errorf("%d results for %d requests", len(resp.Results), len(sent))
	}
	if req := <-got; req.Op != OpBatch || !reflect.DeepEqual(req.Batch, sent) {
		t.Errorf("handler got op %q with %d requests, want the %d sent", req.Op, len(req.Batch), len(sent))
	}
}

type handlerFunc func(Request) Response

func (f handlerFunc) Handle(req Request) Response { return f(req) }
