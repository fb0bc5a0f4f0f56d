package keepalived

import (
	"math"
	"os/user"
	"slices"
	"strings"
	"time"

	"xvs/internal/vrrp"
)

// vrrpScript reads a vrrp_script block as keepalived 2.2.7 does: bad
// values are warned about and fall back to a default; a block without a
// script, or whose user does not exist, is removed; a script that cannot
// be found or executed stays defined but disabled (track_script entries
// naming it are dropped).
func (p *parser) vrrpScript(n *node) error {
	name, err := oneArg(n)
	if err != nil {
		return err
	}
	sc := &vrrp.Script{Name: name, Interval: time.Second, Rise: 1, Fall: 1}
	var timeout time.Duration
	userSet, removed := false, false
	for _, c := range n.Children {
		switch c.key() {
		case "script":
			sc.Argv = scriptArgs(c.Raw)
		case "interval", "timeout":
			v, ok := p.scriptSeconds(name, c)
			if !ok {
				continue
			}
			if c.key() == "interval" {
				sc.Interval = v
			} else {
				timeout = v
			}
		case "weight":
			a := c.args()
			if len(a) == 0 {
				p.warn(c.Pos, "vrrp_script %s: weight needs a value", name)
				continue
			}
			w, err := signedValue(c, a[0], -253, 253)
			if err != nil {
				p.warn(c.Pos, "vrrp_script %s weight %s must be in [-253, 253]", name, a[0])
				continue
			}
			sc.Weight = w
			if len(a) > 1 {
				if a[1] == "reverse" {
					sc.Reverse = true
				} else {
					p.warn(c.Pos, "vrrp_script %s unknown weight option %s", name, a[1])
				}
			}
		case "rise", "fall":
			v := 1
			if a := c.args(); len(a) == 1 {
				if u, err := unsignedValue(c, a[0], 1, math.MaxInt32); err == nil {
					v = int(u)
				} else {
					p.warn(c.Pos, "(%s): vrrp script %s value %q invalid, defaulting to 1", name, c.key(), strings.Join(a, " "))
				}
			} else {
				p.warn(c.Pos, "(%s): vrrp script %s needs one value, defaulting to 1", name, c.key())
			}
			if c.key() == "rise" {
				sc.Rise = v
			} else {
				sc.Fall = v
			}
		case "user":
			a := c.args()
			userSet = true
			removed = len(a) == 0
			if len(a) > 0 {
				if _, err := user.Lookup(a[0]); err != nil {
					removed = true
				}
			}
			if len(a) > 1 {
				if _, err := user.LookupGroup(a[1]); err != nil {
					removed = true
				}
			}
			if removed {
				p.warn(c.Pos, "vrrp_script %s: unable to set uid/gid %q: script removed, as keepalived does", name, strings.Join(a, " "))
			}
		case "init_fail":
			sc.InitFail = true
		default:
			p.warn(c.Pos, "vrrp_script %s: unknown keyword %q ignored", name, c.key())
		}
	}
	switch {
	case len(sc.Argv) == 0:
		p.warn(n.end(), "vrrp_script %s: no script set: removed, as keepalived does", name)
		return nil
	case removed:
		return nil
	case !userSet && p.noDefaultScriptUser():
		p.warn(n.end(), "vrrp_script %s: the default script user does not exist (script_user, or keepalived_script with enable_script_security): removed, as keepalived does", name)
		return nil
	}
	sc.Timeout = timeout
	if sc.Timeout == 0 {
		sc.Timeout = sc.Interval // keepalived: no timeout is the interval
	}
	if p.scripts == nil {
		p.scripts = map[string]*scriptDef{}
	}
	if _, dup := p.scripts[name]; dup {
		p.warn(n.Pos, "vrrp_script %s is defined twice: the later one counts", name)
	}
	p.scripts[name] = &scriptDef{cfg: *sc, runnable: p.runnable(n.Pos, sc.Argv)}
	return nil
}

// scriptDef is a vrrp_script as read, and whether it can run.
type scriptDef struct {
	cfg      vrrp.Script
	runnable bool
}

// scriptSeconds reads a vrrp_script's interval or timeout: whole seconds;
// 0 becomes 1 (keepalived, for configurations from before 2.0.7).
func (p *parser) scriptSeconds(name string, c *node) (time.Duration, bool) {
	a := c.args()
	var v uint64
	var err error
	if len(a) == 1 {
		v, err = unsignedValue(c, a[0], 0, math.MaxUint32/1000000)
	}
	if len(a) != 1 || err != nil {
		p.warn(c.Pos, "(%s): vrrp script %s %q invalid - ignoring", name, c.key(), strings.Join(a, " "))
		return 0, false
	}
	if v == 0 {
		p.warn(c.Pos, "(%s): vrrp script %s must be greater than 0, setting to 1", name, c.key())
		v = 1
	}
	return time.Duration(v) * time.Second, true
}

// trackScripts reads a vrrp_instance's track_script block, entry by entry
// as keepalived's alloc_track_script: "NAME [weight W [reverse|noreverse]]";
// an entry keepalived would ignore is warned about and left out.
func (p *parser) trackScripts(b *instanceBuilder, n *node) {
	inst := b.cfg.Name
	for _, c := range n.Children {
		name := c.key()
		def := p.scripts[name]
		switch {
		case def == nil:
			p.warn(c.Pos, "(%s) track script %s not found, ignoring...", inst, name)
			continue
		case !def.runnable:
			p.warn(c.Pos, "(%s) track script %s is disabled (its script cannot be run): ignored", inst, name)
			continue
		case slices.ContainsFunc(b.cfg.TrackScripts, func(t vrrp.TrackScript) bool { return t.Name == name }):
			p.warn(c.Pos, "(%s) duplicate track_script %s - ignoring", inst, name)
			continue
		}
		w, rev, ok := p.trackWeight(c, inst, "script", def.cfg.Weight, def.cfg.Reverse)
		if !ok {
			continue
		}
		t := vrrp.TrackScript{Name: name, Weight: w, Reverse: rev}
		b.cfg.TrackScripts = append(b.cfg.TrackScripts, t)
	}
}

// trackWeight reads what follows a tracked object's name in a track_script,
// track_file or track_process entry, as keepalived's alloc_track_* do:
// "[weight W [reverse|noreverse]]", W within -254..254, the object's own
// weight and reverse by default. ok false: keepalived drops the entry.
func (p *parser) trackWeight(c *node, inst, kind string, weight int, reverse bool) (int, bool, bool) {
	name, a := c.key(), c.args()
	if len(a) == 0 {
		return weight, reverse, true
	}
	if a[0] != "weight" {
		p.warn(c.Pos, "(%s) unknown track %s option %s - ignoring", inst, kind, a[0])
		return 0, false, false
	}
	if len(a) == 1 {
		p.warn(c.Pos, "(%s) weight without value specified for track %s %s - ignoring", inst, kind, name)
		return 0, false, false
	}
	switch w, err := signedValue(c, a[1], -254, 254); {
	case err != nil && kind == "script":
		p.warn(c.Pos, "(%s) track script %s: weight must be between [-253..253] inclusive, ignoring...", inst, name)
	case err != nil:
		p.warn(c.Pos, "(%s) weight for track %s %s must be in [-254..254] inclusive. Ignoring...", inst, kind, name)
	case kind == "script" && (w == 254 || w == -254):
		p.warn(c.Pos, "(%s) weight for %s cannot be +/-254. Setting to +/-253", inst, name)
		weight = max(min(w, 253), -253)
	default:
		weight = w
	}
	if len(a) >= 3 {
		switch a[2] {
		case "reverse":
			reverse = true
		case "noreverse":
			reverse = false
		default:
			label := "track_" + kind // keepalived's words: track_script, track_process, track file
			if kind == "file" {
				label = "track file"
			}
			p.warn(c.Pos, "(%s) unknown %s %s weight option %s - ignoring", inst, label, name, a[2])
			return weight, reverse, kind != "file" // keepalived drops only a file's entry
		}
	}
	return weight, reverse, true
}

// instanceTrackFiles reads a vrrp_instance's track_file block as
// keepalived's vrrp_alloc_track_file: "NAME [weight W [reverse|noreverse]]",
// W within -254..254, the track_file's weight (1) by default.
func (p *parser) instanceTrackFiles(b *instanceBuilder, n *node) {
	inst := b.cfg.Name
	for _, c := range n.Children {
		name := c.key()
		tf := p.trackFiles[name]
		switch {
		case tf == nil:
			p.warn(c.Pos, "(%s) track file %s not found, ignoring...", inst, name)
			continue
		case slices.ContainsFunc(b.cfg.TrackFiles, func(t vrrp.TrackFile) bool { return t.Name == name }):
			p.warn(c.Pos, "(%s) duplicate track_file %s - ignoring", inst, name)
			continue
		}
		w, rev, ok := p.trackWeight(c, inst, "file", int(tf.weight), tf.reverse)
		if !ok {
			continue
		}
		t := vrrp.TrackFile{Name: name, Path: tf.path, Weight: w, Reverse: rev}
		b.cfg.TrackFiles = append(b.cfg.TrackFiles, t)
	}
}

// ownerTracks drops an address owner's weighted track_script entries: its
// priority does not move (keepalived warns the same).
func (p *parser) ownerTracks(b *instanceBuilder) {
	c := &b.cfg
	if c.Priority != vrrp.PriorityOwner {
		return
	}
	c.TrackScripts = slices.DeleteFunc(c.TrackScripts, func(t vrrp.TrackScript) bool {
		if t.Weight != 0 {
			p.warn(b.pos, "(%s) ignoring tracked script %s with weights due to address_owner", c.Name, t.Name)
		}
		return t.Weight != 0
	})
	p.unweightFiles(c, b.pos, "address_owner")
}

// unweightFiles: where weights may not move the priority (an address
// owner, a sync group member), a track_file entry of the default weight 1
// becomes weight 0 and one of another weight is dropped, as keepalived's
// vrrp_complete_instance does.
func (p *parser) unweightFiles(c *vrrp.Config, pos Pos, why string) {
	c.TrackFiles = slices.DeleteFunc(c.TrackFiles, func(t vrrp.TrackFile) bool {
		switch t.Weight {
		case 0:
			return false
		case 1:
			p.warn(pos, "(%s) ignoring weight from tracked file %s due to %s. specify weight 0", c.Name, t.Name, why)
			return false
		}
		p.warn(pos, "(%s) ignoring tracked file %s with weight %d due to %s", c.Name, t.Name, t.Weight, why)
		return true
	})
	for i := range c.TrackFiles {
		c.TrackFiles[i].Weight = 0
	}
}

// groupTracking is a vrrp_sync_group's tracking: its track_script entries
// and sync_group_tracking_weight.
type groupTracking struct {
	pos     Pos
	scripts []vrrp.TrackScript
	ifaces  []vrrp.Track
	weights bool
}

func (p *parser) groupTrack(name string) *groupTracking {
	if p.groupTracks == nil {
		p.groupTracks = map[string]*groupTracking{}
	}
	if p.groupTracks[name] == nil {
		p.groupTracks[name] = &groupTracking{}
	}
	return p.groupTracks[name]
}

// syncGroupTracking does what keepalived 2.2.7 does with the tracking of
// sync group members: without sync_group_tracking_weight a member's own
// weighted track_script entries are dropped (the members' priorities must
// not drift apart); the group's entries go to every member, weights
// cleared where a member is an address owner.
func (p *parser) syncGroupTracking(v *VRRP, groupPos map[string]Pos) {
	for _, g := range v.Groups {
		gt := p.groupTracks[g.Name]
		if gt == nil {
			gt = &groupTracking{}
		}
		if gt.pos == (Pos{}) {
			gt.pos = groupPos[g.Name]
		}
		var members []*vrrp.Config
		owner := false
		for _, name := range g.Members {
			for i := range v.Instances {
				if v.Instances[i].Name == name {
					members = append(members, &v.Instances[i])
					owner = owner || v.Instances[i].Priority == vrrp.PriorityOwner
				}
			}
		}
		group := slices.Clone(gt.scripts)
		for i := range group {
			group[i].Group = g.Name
			if owner && group[i].Weight != 0 {
				p.warn(gt.pos, "(%s) Cannot have weighted track script '%s' with member having priority %d - clearing weight", g.Name, group[i].Name, vrrp.PriorityOwner)
				group[i].Weight = 0
			}
		}
		ifaces := slices.Clone(gt.ifaces)
		for i := range ifaces {
			if owner && ifaces[i].Weight != 0 {
				p.warn(gt.pos, "(%s) Cannot have weighted track interface '%s' with member having priority %d - clearing weight", g.Name, ifaces[i].Interface, vrrp.PriorityOwner)
				ifaces[i].Weight = 0
			}
		}
		for _, in := range members {
			in.Track = append(slices.Clip(in.Track), ifaces...)
			if !gt.weights {
				for _, t := range in.Track {
					if t.Weight != 0 && !slices.Contains(ifaces, t) {
						// keepalived 2.2.7 says it ignores the weight and
						// goes on applying it (recorded in the oracle VM).
						p.warn(gt.pos, "(%s) %s tracked interface weight in a SYNC group: keepalived says it ignores it but applies it, and so does xvs", in.Name, t.Interface)
					}
				}
				p.unweightFiles(in, gt.pos, "SYNC group")
				in.TrackScripts = slices.DeleteFunc(in.TrackScripts, func(t vrrp.TrackScript) bool {
					if t.Weight != 0 {
						p.warn(gt.pos, "(%s) ignoring tracked script %s with weights due to SYNC group", in.Name, t.Name)
					}
					return t.Weight != 0
				})
			}
			for _, t := range group {
				i := slices.IndexFunc(in.TrackScripts, func(o vrrp.TrackScript) bool { return o.Name == t.Name })
				if i < 0 {
					in.TrackScripts = append(in.TrackScripts, t)
					continue
				}
				// Tracked by the instance too: keepalived keeps one entry,
				// with the group's weight unless the instance's has none.
				p.warn(gt.pos, "(%s) track_script %s is configured on VRRP instance and sync group. Remove vrrp instance config", in.Name, t.Name)
				if in.TrackScripts[i].Weight != 0 {
					in.TrackScripts[i].Weight, in.TrackScripts[i].Reverse = t.Weight, t.Reverse
				}
			}
		}
	}
}

// trackedScripts are the scripts the instances track, by name: keepalived
// runs no other.
func (p *parser) trackedScripts(instances []vrrp.Config) []vrrp.Script {
	var out []vrrp.Script
	for name, d := range p.scripts {
		if slices.ContainsFunc(instances, func(in vrrp.Config) bool {
			return slices.ContainsFunc(in.TrackScripts, func(t vrrp.TrackScript) bool { return t.Name == name })
		}) {
			out = append(out, d.cfg)
		}
	}
	slices.SortFunc(out, func(a, b vrrp.Script) int { return strings.Compare(a.Name, b.Name) })
	return out
}
