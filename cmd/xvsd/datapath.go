package main

import (
	"net/netip"
	"strings"
	"time"

	"xvs/internal/api"
	"xvs/internal/datapath"
	"xvs/internal/model"
	"xvs/internal/server"
	"xvs/internal/stats"
	"xvs/internal/vip"
)

// xdp adapts internal/datapath to the server: it translates the model's
// table into the datapath's desired state and keeps the VIPs in place.
type xdp struct {
	dp   *datapath.Datapath
	vips *vip.Manager
}

func (x *xdp) Apply(t *model.Table) error {
	svcs := make([]datapath.Service, 0, len(t.Services))
	var addrs []netip.Addr
	for _, s := range t.Services {
		svcs = append(svcs, toDatapathService(s))
		if !s.IsFWMark() {
			addrs = append(addrs, s.Addr)
		}
	}
	if err := x.dp.Apply(svcs, datapath.Timeouts(t.Timeouts)); err != nil {
		return err
	}
	if err := x.dp.SetMarkRules(t.MarkRules); err != nil {
		return err
	}
	return x.vips.Sync(addrs)
}

func toDatapathService(s *model.Service) datapath.Service {
	ds := datapath.Service{
		ID: s.ID, AF: s.AF, Protocol: s.Protocol, Addr: s.Addr, Port: s.Port, FWMark: s.FWMark,
		Scheduler: s.Scheduler, Flags: s.Flags, Timeout: s.Timeout, Netmask: s.Netmask,
	}
	for _, d := range s.Dests {
		ds.Dests = append(ds.Dests, datapath.Dest{
			ID: d.ID, AF: d.AF, Addr: d.Addr, Port: d.Port, Fwd: d.Fwd, Weight: d.Weight, LastWeight: d.LastWeight,
			UThreshold: d.UThreshold, LThreshold: d.LThreshold,
			TunType: d.TunType, TunPort: d.TunPort, TunFlags: d.TunFlags,
		})
	}
	return ds
}

func (x *xdp) Counters() (map[uint32]stats.Counters, map[uint32]stats.Counters, error) {
	svc, dest, err := x.dp.Counters()
	if err != nil {
		return nil, nil, err
	}
	return convertCounters(svc), convertCounters(dest), nil
}

func convertCounters(m map[uint32]datapath.Counters) map[uint32]stats.Counters {
	out := make(map[uint32]stats.Counters, len(m))
	for id, c := range m {
		out[id] = stats.Counters(c)
	}
	return out
}

func (x *xdp) ConnCounts() (map[uint32]server.ConnCounts, error) {
	m, err := x.dp.ConnCounts()
	if err != nil {
		return nil, err
	}
	out := make(map[uint32]server.ConnCounts, len(m))
	for id, c := range m {
		out[id] = server.ConnCounts(c)
	}
	return out, nil
}

func (x *xdp) Conns() ([]api.Conn, error) {
	cs, err := x.dp.Conns()
	if err != nil {
		return nil, err
	}
	out := make([]api.Conn, 0, len(cs))
	for _, c := range cs {
		out = append(out, api.Conn{
			Protocol: protocolName(c.Protocol), AF: c.AF,
			CAddr: c.CAddr.String(), CPort: c.CPort, VAddr: c.VAddr.String(), VPort: c.VPort,
			DAddr: c.DAddr.String(), DPort: c.DPort, State: c.State,
			ExpiresSec: int64(c.Expires / time.Second), Template: c.Template,
		})
	}
	return out, nil
}

// protocolName is the protocol column of ipvsadm -L -c; fwmark templates show "IP".
func protocolName(p uint8) string {
	if n := model.ProtocolName(p); n != "" {
		return strings.ToUpper(n)
	}
	return "IP"
}

func (x *xdp) Sweep() error { return x.dp.Sweep() }

func (x *xdp) DestsInUse(ids []uint32) (map[uint32]bool, error) { return x.dp.DestsInUse(ids) }

func (x *xdp) Events() ([]api.Event, error) {
	evs, err := x.dp.Events()
	if err != nil {
		return nil, err
	}
	out := make([]api.Event, len(evs))
	for i, e := range evs {
		out[i] = api.Event{Name: e.Name, Count: e.Count, Help: e.Help}
	}
	return out, nil
}
