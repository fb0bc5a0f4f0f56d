package ipvsadm

import (
	"fmt"
	"net/netip"
	"strings"

	"xvs/internal/model"
)

// exit ends the program the way ipvsadm's fail(), tryhelp_exit(),
// usage_exit() and version_exit() do, even in the middle of -R.
type exit struct {
	code   int
	stdout string
	stderr string
}

func (e *exit) Error() string { return fmt.Sprintf("exit %d: %s", e.code, e.stderr) }

// failf is ipvsadm's fail(2, ...): the message and a newline on stderr, exit 2.
func failf(format string, args ...any) *exit {
	return &exit{code: 2, stderr: fmt.Sprintf(format, args...) + "\n"}
}

func tryHelp(program string) *exit {
	return &exit{code: 255, stderr: fmt.Sprintf("Try `%s -h' or '%s --help' for more information.\n", program, program)}
}

// optionError is a popt error after the command word: ipvsadm prints it and
// the line fails with -1 (exit 255), but -R goes on with the next line.
type optionError struct{ msg string }

func (e *optionError) Error() string { return e.msg }

// service is ipvsadm's ipvs_service_t as the parser fills it in.
type service struct {
	af       uint16
	protocol uint8
	addr     netip.Addr
	port     uint16
	fwmark   uint32
	sched    string
	pe       string
	flags    uint32
	timeout  uint32
	netmask  uint32 // IPv4: host-order mask; IPv6: prefix length
}

// dest is ipvsadm's ipvs_dest_t.
type dest struct {
	af         uint16
	addr       netip.Addr
	port       uint16
	fwd        uint8
	weight     int32
	uThreshold uint32
	lThreshold uint32
	tunType    uint8
	tunPort    uint16
	tunFlags   uint16
}

// command is one parsed ipvsadm invocation (struct ipvs_command_entry plus
// the option set and the output format).
type command struct {
	cmd       int
	options   uint64
	format    uint
	svc       service
	dest      dest
	timeouts  model.Timeouts
	daemon    model.SyncDaemon
	extension extensionOptions
}

func (c *command) has(o int) bool { return c.options&bit(o) != 0 }

// parser holds what parsing needs from the outside world.
type parser struct {
	program  string
	names    Resolver
	services Services
}

// Service address parse results (SERVICE_ADDR, SERVICE_PORT).
const (
	serviceAddr = 1
	servicePort = 2
)

// parse is ipvsadm's process_options up to the point where it talks to
// the kernel: parse_options, generic_opt_check and the per-command checks.
func (p *parser) parse(argv []string) (*command, error) {
	c := &command{}
	c.dest.weight = 1
	c.dest.fwd = model.FwdRoute
	c.svc.netmask = 0xffffffff
	if err := p.parseOptions(argv, c); err != nil {
		return nil, err
	}
	if err := genericOptCheck(c.cmd, c.options); err != nil {
		return nil, err
	}
	if err := p.commandChecks(c); err != nil {
		return nil, err
	}
	return c, nil
}

// parseOptions is ipvsadm's parse_options.
func (p *parser) parseOptions(argv []string, c *command) error {
	pp := newPopt(optionTable, argv)
	tag, arg := pp.nextOpt()
	if tag < 0 {
		return tryHelp(p.program)
	}
	if err := p.setCommand(c, tag, arg); err != nil {
		return err
	}
	schedFlags := ""
	for {
		tag, arg = pp.nextOpt()
		if tag < 0 {
			break
		}
		if err := p.option(c, tag, arg, &schedFlags); err != nil {
			if err == errInvalidOption {
				return failf("invalid option `%s'", pp.badOption())
			}
			return err
		}
	}
	if tag < -1 {
		return &optionError{fmt.Sprintf("%s: %s\n", pp.badOption(), poptStrerror(tag))}
	}
	if c.cmd == cmdTimeout {
		if err := parseSetValues(pp, c); err != nil {
			return err
		}
	}
	if a, ok := pp.arg(); ok {
		return failf("unexpected argument %s", a)
	}
	if schedFlags != "" {
		c.svc.flags &^= model.SvcSchedMask
		f, err := parseSchedFlags(c.svc.sched, schedFlags)
		if err != nil {
			return err
		}
		c.svc.flags |= f
	}
	return nil
}

func parseSetValues(pp *popt, c *command) error {
	var v [3]string
	for i := range v {
		a, ok := pp.arg()
		if !ok {
			return failf("--set option requires 3 timeout values")
		}
		v[i] = a
	}
	var t [3]uint32
	for i, s := range v {
		n, err := parseTimeout(&s, 0, model.MaxTimeout)
		if err != nil {
			return err
		}
		t[i] = n
	}
	c.timeouts = model.Timeouts{TCP: t[0], TCPFin: t[1], UDP: t[2]}
	return nil
}

// setCommand handles the first option, which must be a command.
func (p *parser) setCommand(c *command, tag int, arg *string) error {
	cmds := map[int]int{
		'A': cmdAdd, 'E': cmdEdit, 'D': cmdDel, 'a': cmdAddDest, 'e': cmdEditDest,
		'd': cmdDelDest, 'C': cmdFlush, 'L': cmdList, 'l': cmdList, 'Z': cmdZero,
		tagSet: cmdTimeout, 'R': cmdRestore, 'S': cmdSave,
		tagStartDaemon: cmdStartDaemon, tagStopDaemon: cmdStopDaemon,
	}
	switch tag {
	case 'h':
		return &exit{code: 0, stdout: usage(p.program)}
	case 'v':
		return &exit{code: 0, stdout: versionLine}
	}
	cmd, ok := cmds[tag]
	if !ok {
		return tryHelp(p.program)
	}
	c.cmd = cmd
	switch tag {
	case tagStartDaemon, tagStopDaemon:
		switch *arg {
		case "master":
			c.daemon.State = model.SyncMaster
		case "backup":
			c.daemon.State = model.SyncBackup
		default:
			if tag == tagStartDaemon {
				return failf("illegal start-daemon parameter specified")
			}
			return failf("illegal start_daemon specified")
		}
	}
	return nil
}

// errInvalidOption marks an option that is in the table but not accepted
// after the command (every command word, -h, -v).
var errInvalidOption = fmt.Errorf("invalid option")

func setOption(c *command, o int) error {
	if c.options&bit(o) != 0 {
		return failf("multiple '%s' options specified", optNames[o])
	}
	c.options |= bit(o)
	return nil
}

// option handles one option after the command, as parse_options' loop does.
func (p *parser) option(c *command, tag int, arg *string, schedFlags *string) error {
	if o, ok := flagOptions[tag]; ok {
		if err := setOption(c, o.opt); err != nil {
			return err
		}
		c.format |= o.format
		return nil
	}
	if h, ok := valueOptions[tag]; ok {
		if err := setOption(c, h.opt); err != nil {
			return err
		}
		return h.parse(p, c, arg)
	}
	switch tag {
	case 't', 'u', tagSCTPService:
		return p.serviceOption(c, tag, *arg)
	case tagSort:
		return nil
	case '6':
		if c.svc.fwmark == 0 {
			return failf("-6 used before -f\n")
		}
		c.svc.af, c.svc.netmask = model.AFInet6, 128
		return nil
	case 'b':
		if err := setOption(c, optSchedFlags); err != nil {
			return err
		}
		*schedFlags = truncate(*arg, 127)
		return nil
	}
	if ext, ok := extensionTags[tag]; ok {
		return ext.parse(c, arg)
	}
	return errInvalidOption
}

// flagOption is an option without an argument that only sets a bit and a format.
type flagOption struct {
	opt    int
	format uint
}

var flagOptions = map[int]flagOption{
	'c':               {optConnection, 0},
	'n':               {optNumeric, fmtNumeric},
	tagTimeout:        {optTimeout, 0},
	tagDaemon:         {optDaemon, 0},
	tagStats:          {optStats, fmtStats},
	tagRate:           {optRate, fmtRate},
	tagThresholds:     {optThresholds, fmtThresholds},
	tagPersistentConn: {optPersistentConn, fmtPersistentConn},
	tagNoSort:         {optNoSort, fmtNoSort},
	'X':               {optExact, fmtExact},
	tagTunInfo:        {optTunInfo, fmtTunInfo},
}

// valueOption is an option whose argument (or presence) sets a field.
type valueOption struct {
	opt   int
	parse func(p *parser, c *command, arg *string) error
}

var valueOptions map[int]valueOption

func init() {
	valueOptions = map[int]valueOption{
		'f':               {optService, parseFwmarkOption},
		's':               {optScheduler, func(_ *parser, c *command, a *string) error { c.svc.sched = truncate(*a, 15); return nil }},
		'p':               {optPersistent, parsePersistent},
		'M':               {optNetmask, func(p *parser, c *command, a *string) error { return p.netmaskOption(c, *a) }},
		'r':               {optServer, func(p *parser, c *command, a *string) error { return p.serverOption(c, *a) }},
		'i':               {optForward, fwd(model.FwdTunnel)},
		'g':               {optForward, fwd(model.FwdRoute)},
		'm':               {optForward, fwd(model.FwdMasq)},
		'w':               {optWeight, number(0, 1<<31-1, "illegal weight specified", func(c *command, v int64) { c.dest.weight = int32(v) })},
		'x':               {optUThreshold, number(0, 1<<31-1, "illegal u_threshold specified", func(c *command, v int64) { c.dest.uThreshold = uint32(v) })},
		'y':               {optLThreshold, number(0, 1<<31-1, "illegal l_threshold specified", func(c *command, v int64) { c.dest.lThreshold = uint32(v) })},
		tagMcastInterface: {optMcast, func(_ *parser, c *command, a *string) error { c.daemon.MCastIfn = truncate(*a, 15); return nil }},
		'I':               {optSyncID, number(0, 255, "illegal syncid specified", func(c *command, v int64) { c.daemon.SyncID = uint8(v) })},
		'o':               {optOnePacket, func(_ *parser, c *command, _ *string) error { c.svc.flags |= model.SvcOnePacket; return nil }},
		tagPE:             {optPE, func(_ *parser, c *command, a *string) error { c.svc.pe = truncate(*a, 32); return nil }},
		tagMcastGroup:     {optMcastGroup, parseMcastGroup},
		tagMcastPort:      {optMcastPort, number(1, 65535, "illegal mcast-port specified", func(c *command, v int64) { c.daemon.MCastPort = uint16(v) })},
		tagMcastTTL:       {optMcastTTL, number(1, 255, "illegal mcast-ttl specified", func(c *command, v int64) { c.daemon.MCastTTL = uint8(v) })},
		tagSyncMaxLen:     {optSyncMaxLen, number(1, 65535-20-8, "illegal sync-maxlen specified", func(c *command, v int64) { c.daemon.SyncMaxLen = uint16(v) })},
		tagTunType:        {optTunType, parseTunType},
		tagTunPort:        {optTunPort, number(1, 65535, "illegal tunnel port specified", func(c *command, v int64) { c.dest.tunPort = uint16(v) })},
		tagTunNoCsum:      {optTunNoCsum, tunFlag(model.TunFlagNoCsum)},
		tagTunCsum:        {optTunCsum, tunFlag(model.TunFlagCsum)},
		tagTunRemCsum:     {optTunRemCsum, tunFlag(model.TunFlagRemCsum)},
	}
}

func truncate(s string, n int) string {
	if len(s) > n {
		return s[:n]
	}
	return s
}

func fwd(m uint8) func(*parser, *command, *string) error {
	return func(_ *parser, c *command, _ *string) error { c.dest.fwd = m; return nil }
}

func tunFlag(f uint16) func(*parser, *command, *string) error {
	return func(_ *parser, c *command, _ *string) error { c.dest.tunFlags |= f; return nil }
}

// number parses a string_to_number argument and stores it, or fails with msg.
func number(min, max int64, msg string, set func(*command, int64)) func(*parser, *command, *string) error {
	return func(_ *parser, c *command, a *string) error {
		v := stringToNumber(*a, min, max)
		if v == -1 {
			return failf("%s", msg)
		}
		set(c, v)
		return nil
	}
}

func protoOf(tag int) uint8 {
	switch tag {
	case 't':
		return model.ProtoTCP
	case 'u':
		return model.ProtoUDP
	}
	return model.ProtoSCTP
}

func protoName(proto uint8) string { return model.ProtocolName(proto) }

// serviceOption handles -t, -u and --sctp-service; parse_service writes
// straight into the service, even when it then fails.
func (p *parser) serviceOption(c *command, tag int, arg string) error {
	if err := setOption(c, optService); err != nil {
		return err
	}
	c.svc.protocol = protoOf(tag)
	if p.parseService(arg, &c.svc)&serviceAddr == 0 {
		return failf("illegal virtual server address[:port] specified")
	}
	return nil
}

func parseFwmarkOption(_ *parser, c *command, a *string) error {
	c.svc.af, c.svc.protocol = model.AFInet, model.ProtoTCP
	v, whole, overflow := strtol10(*a)
	// strtol's long is stored in an unsigned long: negative values wrap
	// far above UINT_MAX.
	if !whole || overflow || v <= 0 || v > 1<<32-1 {
		return failf("invalid fwmark value `%s' specified", *a)
	}
	c.svc.fwmark = uint32(v)
	return nil
}

// parseTimeout is ipvsadm's parse_timeout; a missing value (-p alone) is 360.
func parseTimeout(a *string, min, max int64) (uint32, error) {
	if a == nil {
		return model.DefaultPersistentTimeout, nil
	}
	v := stringToNumber(*a, min, max)
	if v == -1 {
		return 0, failf("invalid timeout value `%s' specified", *a)
	}
	return uint32(v), nil
}

func parsePersistent(_ *parser, c *command, a *string) error {
	c.svc.flags |= model.SvcPersistent
	t, err := parseTimeout(a, 1, model.MaxTimeout)
	c.svc.timeout = t
	return err
}

func (p *parser) netmaskOption(c *command, a string) error {
	if c.svc.af != model.AFInet6 {
		m, ok := p.parseNetmask(a)
		if !ok {
			return failf("illegal virtual server persistent mask specified")
		}
		c.svc.netmask = m
		return nil
	}
	c.svc.netmask = uint32(atoi(a))
	if int32(c.svc.netmask) < 1 || c.svc.netmask > 128 {
		return failf("illegal ipv6 netmask specified")
	}
	return nil
}

// atoi is C's atoi: strtol's value truncated to int, 0 when there is no number.
func atoi(s string) int32 {
	v, _, _ := strtol10(prefixNumber(s))
	return int32(v)
}

// prefixNumber keeps the leading part of s that strtol would read.
func prefixNumber(s string) string {
	i := 0
	for i < len(s) && isSpace(s[i]) {
		i++
	}
	if i < len(s) && (s[i] == '+' || s[i] == '-') {
		i++
	}
	for i < len(s) && isDigit(s[i]) {
		i++
	}
	return s[:i]
}

// parseNetmask is ipvsadm's parse_netmask: inet_aton, or a host name.
func (p *parser) parseNetmask(a string) (uint32, bool) {
	if v, ok := inetAton(a); ok {
		return v, true
	}
	if addr, ok := p.names.LookupIPv4(a); ok {
		return uint32FromAddr(addr), true
	}
	return 0, false
}

// serverOption handles -r: the address is parsed into a copy of the
// service so far, whose port the destination inherits when it has none.
func (p *parser) serverOption(c *command, a string) error {
	t := c.svc
	parse := p.parseService(a, &t)
	c.dest.af, c.dest.addr, c.dest.port = t.af, t.addr, t.port
	if parse&serviceAddr == 0 {
		return failf("illegal real server address[:port] specified")
	}
	if parse == serviceAddr {
		c.dest.port = c.svc.port
	}
	return nil
}

// parseService is ipvsadm's parse_service: host[:port] or [v6addr]:port.
func (p *parser) parseService(buf string, s *service) int {
	if strIsDigit(buf) {
		return 0
	}
	port, hasPort := "", false
	if strings.HasPrefix(buf, "[") {
		inner, rest, ok := strings.Cut(buf[1:], "]")
		if !ok || !strings.HasPrefix(rest, ":") {
			return 0
		}
		buf, port, hasPort = inner, rest[1:], true
	}
	if a, ok := inetPton6(buf); ok {
		s.addr, s.af, s.netmask = a, model.AFInet6, 128
	} else {
		// The bracketed form's port is lost here, as in ipvsadm: strrchr
		// finds no ':' in what is left of the buffer.
		hasPort = false
		if i := strings.LastIndexByte(buf, ':'); i >= 0 {
			buf, port, hasPort = buf[:i], buf[i+1:], true
		}
		if v, ok := inetAton(buf); ok {
			s.addr = addrFromUint32(v)
		} else if a, ok := p.names.LookupIPv4(buf); ok {
			s.addr = a
		} else {
			return 0
		}
		s.af = model.AFInet
	}
	result := serviceAddr
	if hasPort {
		result |= servicePort
		if n := stringToNumber(port, 0, 65535); n != -1 {
			s.port = uint16(n)
		} else if n, ok := p.services.Port(port, protoName(s.protocol)); ok && protoName(s.protocol) != "" {
			s.port = n
		} else {
			return 0
		}
	}
	return result
}

// parseSchedFlags is ipvsadm's parse_sched_flags, checked against the
// scheduler given anywhere on the line (wlc when none).
func parseSchedFlags(sched, arg string) (uint32, error) {
	if sched == "" {
		sched = model.DefaultScheduler
	}
	var flags uint32
	need := func(s, flag string) error {
		if sched != s {
			return failf("incompatible scheduler flag `%s'", flag)
		}
		return nil
	}
	tokens := strings.FieldsFunc(arg, func(r rune) bool { return r == ',' })
	if len(tokens) == 0 {
		// strtok finds no token (only commas); ipvsadm 1.31 then strcmp()s
		// a null pointer and dies of SIGSEGV. xvs says what is wrong.
		return 0, failf("invalid scheduler flag `%s'", arg)
	}
	for _, f := range tokens {
		var err error
		switch f {
		case "flag-1":
			flags |= model.SvcSched1
		case "flag-2":
			flags |= model.SvcSched2
		case "flag-3":
			flags |= model.SvcSched3
		case "sh-fallback":
			flags |= model.SvcSched1
			err = need("sh", f)
		case "sh-port":
			flags |= model.SvcSched2
			err = need("sh", f)
		case "mh-fallback":
			flags |= model.SvcSched1
			err = need("mh", f)
		case "mh-port":
			flags |= model.SvcSched2
			err = need("mh", f)
		default:
			err = failf("invalid scheduler flag `%s'", f)
		}
		if err != nil {
			return 0, err
		}
	}
	return flags, nil
}

func parseMcastGroup(_ *parser, c *command, a *string) error {
	if strings.Contains(*a, ":") {
		g, ok := inetPton6(*a)
		if !ok || !g.IsMulticast() {
			return failf("invalid IPv6 mcast-group `%s'", *a)
		}
		c.daemon.MCastGroup = g
		return nil
	}
	g, ok := inetPton4(*a)
	if !ok || !g.IsMulticast() {
		return failf("invalid IPv4 mcast-group `%s'", *a)
	}
	c.daemon.MCastGroup = g
	return nil
}

func parseTunType(_ *parser, c *command, a *string) error {
	for i, n := range tunNames {
		if *a == n {
			c.dest.tunType = uint8(i)
			return nil
		}
	}
	return failf("illegal tunnel type specified")
}

// genericOptCheck is ipvsadm's generic_opt_check against commandsVsOptions.
func genericOptCheck(cmd int, options uint64) error {
	row := commandsVsOptions[cmd-1]
	count, last := 0, 0
	for j := 0; j < numOpts; j++ {
		if options&bit(j) == 0 {
			if row[j] == '+' {
				return failf("You need to supply the '%s' option for the '%s' command", optNames[j], cmdNames[cmd-1])
			}
			continue
		}
		switch row[j] {
		case 'x':
			return failf("Illegal '%s' option with the '%s' command", optNames[j], cmdNames[cmd-1])
		case '1':
			count++
			if count == 1 {
				last = j
				continue
			}
			return failf("The option '%s' conflicts with the '%s' option in the '%s' command", optNames[j], optNames[last], cmdNames[cmd-1])
		}
	}
	return nil
}

// tunnelOptCheck is ipvsadm's tunnel_opt_check.
func tunnelOptCheck(tunType uint8, options uint64) error {
	row := tunTypesVsOptions[tunType]
	count, last := 0, 0
	for j, k := range tunOpts {
		if options&bit(k) == 0 {
			if row[j] == '+' {
				return failf("You need to supply the '%s' option for the '%s' tunnel type", optNames[k], tunNames[tunType])
			}
			continue
		}
		switch row[j] {
		case 'x':
			return failf("Illegal '%s' option with the '%s' tunnel type", optNames[k], tunNames[tunType])
		case '1':
			count++
			if count == 1 {
				last = k
				continue
			}
			return failf("The option '%s' conflicts with the '%s' option in the '%s' tunnel type", optNames[k], optNames[last], tunNames[tunType])
		}
	}
	return nil
}

// commandChecks are process_options' checks after generic_opt_check.
func (p *parser) commandChecks(c *command) error {
	if c.cmd == cmdAdd || c.cmd == cmdEdit {
		if c.svc.fwmark == 0 && c.svc.port == 0 && c.svc.flags&model.SvcPersistent == 0 {
			return failf("Zero port specified for non-persistent service")
		}
		if c.svc.flags&model.SvcOnePacket != 0 && c.svc.fwmark == 0 && c.svc.protocol != model.ProtoUDP {
			return failf("One-Packet Scheduling is only for UDP virtual services")
		}
		if c.svc.sched == "" {
			c.svc.sched = model.DefaultScheduler
		}
	}
	if c.cmd == cmdStartDaemon && c.daemon.MCastIfn == "" {
		c.daemon.MCastIfn = "eth0"
	}
	if c.cmd == cmdAddDest || c.cmd == cmdEditDest {
		if c.svc.fwmark == 0 && (c.dest.fwd == model.FwdTunnel || c.dest.fwd == model.FwdRoute) {
			c.dest.port = c.svc.port
		}
		if c.dest.af != c.svc.af && c.dest.fwd != model.FwdTunnel {
			return failf("Different address family is allowed only for tunneling servers")
		}
		tunnelOpts := bit(optTunType) | bit(optTunPort) | bit(optTunNoCsum) | bit(optTunCsum) | bit(optTunRemCsum)
		if c.options&tunnelOpts != 0 && c.dest.fwd != model.FwdTunnel {
			return failf("Tunnel options conflict with forward method")
		}
		if err := tunnelOptCheck(c.dest.tunType, c.options); err != nil {
			return err
		}
	}
	if c.cmd == cmdList {
		listing := c.options & (bit(optStats) | bit(optRate) | bit(optThresholds))
		other := c.options & (bit(optConnection) | bit(optTimeout) | bit(optDaemon))
		if (other != 0 && listing != 0) ||
			(c.options&(bit(optTimeout)|bit(optDaemon)) != 0 && c.has(optPersistentConn)) {
			return failf("options conflicts in the list command")
		}
	}
	return nil
}
