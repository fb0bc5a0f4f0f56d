package keepalived

import (
	"math"
	"slices"
	"strconv"
	"strings"
	"time"

	"xvs/internal/vrrp"
)

// vrrpTrackProcess reads a vrrp_track_process block as keepalived 2.2.7's
// parser does; bad values are warned about and ignored, a block without a
// process is removed.
func (p *parser) vrrpTrackProcess(n *node) error {
	name, err := oneArg(n)
	if err != nil {
		return err
	}
	pr := &vrrp.Process{Name: name, Quorum: 1, QuorumMax: math.MaxInt}
	weightSet := false
	for _, c := range n.Children {
		a := c.args()
		switch c.key() {
		case "process":
			if pr.Path != "" {
				p.warn(c.Pos, "Process already set for track process %s - ignoring %s", name, strings.Join(a, " "))
				continue
			}
			if len(a) == 0 {
				p.warn(c.Pos, "track process %s: process needs a name", name)
				continue
			}
			pr.Path = a[0]
			if len(a) > 1 {
				pr.Params = slices.Clone(a[1:])
				if pr.Match == vrrp.MatchNone {
					pr.Match = vrrp.MatchExact
				}
				pr.FullCommand = true
			}
		case "param_match":
			switch {
			case len(a) == 0:
				pr.Match = vrrp.MatchExact
			case a[0] == "initial":
				pr.Match = vrrp.MatchInitial
			case a[0] == "partial":
				pr.Match = vrrp.MatchPartial
			default:
				p.warn(c.Pos, "Invalid param_match type %s - ignoring", a[0])
				continue
			}
			pr.FullCommand = true
		case "full_command":
			pr.FullCommand = true
		case "weight":
			switch {
			case len(a) == 0:
				p.warn(c.Pos, "No weight specified for track process %s - ignoring", name)
			case weightSet:
				p.warn(c.Pos, "Weight already set for track process %s - ignoring %s", name, a[0])
			default:
				w, err := signedValue(c, a[0], -254, 254)
				if err != nil {
					p.warn(c.Pos, "Weight (%s) for vrrp_track_process %s must be between [-254..254] inclusive. Ignoring...", a[0], name)
					continue
				}
				if len(a) > 1 {
					if a[1] == "reverse" {
						pr.Reverse = true
					} else {
						p.warn(c.Pos, "vrrp_track_process %s unknown weight option %s", name, a[1])
					}
				}
				pr.Weight, weightSet = w, w != 0
			}
		case "quorum":
			v, err := unsignedArg(c, 1, 65535)
			switch {
			case err != nil:
				p.warn(c.Pos, "Quorum (%s) for vrrp_track_process %s must be between [1..65535] inclusive. Ignoring...", strings.Join(a, " "), name)
			case int(v) > pr.QuorumMax:
				p.warn(c.Pos, "Quorum is greater than quorum_max - ignoring")
			default:
				pr.Quorum = int(v)
			}
		case "quorum_max":
			v, err := unsignedArg(c, 0, 65535)
			switch {
			case err != nil:
				p.warn(c.Pos, "quorum_max (%s) for vrrp_track_process %s must be between [0..65535] inclusive. Ignoring...", strings.Join(a, " "), name)
			case (v != 0 || pr.Quorum > 1) && int(v) < pr.Quorum:
				p.warn(c.Pos, "quorum_max is less than quorum - ignoring")
			default:
				pr.QuorumMax = int(v)
				if v == 0 {
					pr.Quorum = 0
				} else if pr.Quorum == 0 {
					pr.Quorum = 1
				}
			}
		case "delay", "fork_delay", "terminate_delay":
			d, ok := p.processDelay(name, c)
			if !ok {
				continue
			}
			if c.key() != "fork_delay" {
				pr.TerminateDelay = d
			}
			if c.key() != "terminate_delay" {
				pr.ForkDelay = d
			}
		default:
			p.warn(c.Pos, "vrrp_track_process %s: unknown keyword %q ignored", name, c.key())
		}
	}
	if pr.Path == "" {
		p.warn(n.end(), "track process '%s' process name not specified", name)
		return nil
	}
	if p.processes == nil {
		p.processes = map[string]*vrrp.Process{}
	}
	p.processes[name] = pr
	return nil
}

// processDelay reads a delay of 0.000001..3600 seconds.
func (p *parser) processDelay(name string, c *node) (time.Duration, bool) {
	a := c.args()
	var f float64
	var err error = strconv.ErrSyntax
	if len(a) == 1 {
		f, err = strconv.ParseFloat(a[0], 64)
	}
	if err != nil || f < 0.000001 || f > 3600 {
		prefix := strings.TrimSuffix(c.key(), "delay")
		p.warn(c.Pos, "%sdelay (%s) for vrrp_track_process %s must be between [0.000001..3600] inclusive. Ignoring...", prefix, strings.Join(a, " "), name)
		return 0, false
	}
	return time.Duration(f * float64(time.Second)), true
}

// instanceTrackProcesses reads a vrrp_instance's track_process block:
// "NAME [weight W [reverse|noreverse]]", as keepalived's
// alloc_track_process.
func (p *parser) instanceTrackProcesses(b *instanceBuilder, n *node) {
	inst := b.cfg.Name
	for _, c := range n.Children {
		name := c.key()
		pr := p.processes[name]
		switch {
		case pr == nil:
			p.warn(c.Pos, "(%s) track process %s not found, ignoring...", inst, name)
			continue
		case slices.ContainsFunc(b.cfg.TrackProcesses, func(t vrrp.TrackProcess) bool { return t.Name == name }):
			p.warn(c.Pos, "(%s) duplicate track_process %s - ignoring", inst, name)
			continue
		}
		w, rev, ok := p.trackWeight(c, inst, "process", pr.Weight, pr.Reverse)
		if !ok {
			continue
		}
		t := vrrp.TrackProcess{Name: name, Weight: w, Reverse: rev}
		b.cfg.TrackProcesses = append(b.cfg.TrackProcesses, t)
	}
}

// trackedProcesses are the processes the instances track, by name.
func (p *parser) trackedProcesses(instances []vrrp.Config) []vrrp.Process {
	var out []vrrp.Process
	for name, pr := range p.processes {
		if slices.ContainsFunc(instances, func(in vrrp.Config) bool {
			return slices.ContainsFunc(in.TrackProcesses, func(t vrrp.TrackProcess) bool { return t.Name == name })
		}) {
			out = append(out, *pr)
		}
	}
	slices.SortFunc(out, func(a, b vrrp.Process) int { return strings.Compare(a.Name, b.Name) })
	return out
}
