package keepalived

import (
	"math"
	"net/netip"
	"os/exec"
	"strings"
	"time"

	"xvs/internal/health"
)

type rsHandler func(p *parser, b *vsBuilder, rs *rsBuilder, c *node) error

var rsHandlers map[string]rsHandler

func init() {
	rsHandlers = map[string]rsHandler{
		"weight": rsWeight, "lvs_method": rsMethod, "uthreshold": rsThreshold, "lthreshold": rsThreshold,
		"inhibit_on_failure": rsBool, "alpha": rsBool, "notify_up": rsScript, "notify_down": rsScript,
		"retry": rsRetry, "delay_before_retry": rsTimer, "warmup": rsTimer, "connect_timeout": rsTimer,
		"delay_loop": rsTimer, "virtualhost": rsVirtualhost,
		"smtp_alert": rsQuiet, "snmp_name": rsQuiet,
	}
	for name := range checkerKinds {
		rsHandlers[name] = rsChecker
	}
	rsHandlers["BFD_CHECK"] = rsChecker
}

func (p *parser) rsItem(b *vsBuilder, rs *rsBuilder, c *node) error {
	if h, ok := rsHandlers[c.key()]; ok {
		return h(p, b, rs, c)
	}
	p.warn(c.Pos, "real_server: unknown keyword %q ignored", c.key())
	return nil
}

func rsQuiet(*parser, *vsBuilder, *rsBuilder, *node) error { return nil }

func rsWeight(p *parser, b *vsBuilder, rs *rsBuilder, c *node) error {
	v, err := unsignedArg(c, 0, maxWeight)
	if err != nil {
		return err
	}
	w := int64(v)
	rs.weight = &w
	return nil
}

func rsMethod(p *parser, b *vsBuilder, rs *rsBuilder, c *node) error {
	f, err := lvsMethod(c, rs.method)
	if err != nil {
		return err
	}
	rs.method = f
	return nil
}

func rsThreshold(p *parser, b *vsBuilder, rs *rsBuilder, c *node) error {
	v, err := unsignedArg(c, 0, math.MaxUint32)
	if err != nil {
		return err
	}
	if c.key() == "uthreshold" {
		rs.uth = uint32(v)
	} else {
		rs.lth = uint32(v)
	}
	return nil
}

func rsBool(p *parser, b *vsBuilder, rs *rsBuilder, c *node) error {
	v, err := boolArg(c)
	if err != nil {
		return err
	}
	if c.key() == "alpha" {
		rs.alpha = &v
	} else {
		rs.inhibit = &v
	}
	return nil
}

func rsScript(p *parser, b *vsBuilder, rs *rsBuilder, c *node) error {
	argv, err := script(c)
	if err != nil {
		return err
	}
	target := &rs.notifyUp
	if c.key() == "notify_down" {
		target = &rs.notifyDown
	}
	if *target != nil {
		p.warn(c.Pos, "%s already specified: this one ignored, as keepalived does", c.key())
		return nil
	}
	if !p.notifyRuns(c, argv) {
		return nil
	}
	*target = argv
	return nil
}

// notifyRuns tells whether a notify or quorum script written at c runs:
// keepalived's notify_script_init (its user) and check_notify_script_secure
// (it can be executed); one that cannot is dropped with a warning.
func (p *parser) notifyRuns(c *node, argv []string) bool {
	return p.scriptUserOK(c) && p.runnable(c.Pos, argv)
}

// runnable tells whether a script can run; keepalived disables a script it
// cannot find or execute.
func (p *parser) runnable(pos Pos, argv []string) bool {
	if _, err := exec.LookPath(argv[0]); err != nil {
		p.warn(pos, "script %s is not found or not executable: disabled, as keepalived does", argv[0])
		return false
	}
	return true
}

func rsRetry(p *parser, b *vsBuilder, rs *rsBuilder, c *node) error {
	v, err := unsignedArg(c, 1, math.MaxUint32)
	if err != nil {
		return err
	}
	r := int(v)
	rs.retry = &r
	return nil
}

func rsTimer(p *parser, b *vsBuilder, rs *rsBuilder, c *node) error {
	return readTimer(c, &rs.timers)
}

// readTimer reads connect_timeout, delay_loop (both at least a
// microsecond), warmup or delay_before_retry into t.
func readTimer(c *node, t *timerDefaults) error {
	min := time.Microsecond
	if c.key() == "delay_before_retry" || c.key() == "warmup" {
		min = 0
	}
	d, err := timerArg(c, min)
	if err != nil {
		return err
	}
	switch c.key() {
	case "connect_timeout":
		t.connectTimeout = &d
	case "delay_loop":
		t.delayLoop = &d
	case "warmup":
		t.warmup = &d
	case "delay_before_retry":
		t.delayBeforeRetry = &d
	}
	return nil
}

func rsVirtualhost(p *parser, b *vsBuilder, rs *rsBuilder, c *node) error {
	v, err := firstArg(c)
	if err != nil {
		return err
	}
	rs.vhost = v
	return nil
}

var checkerKinds = map[string]health.Kind{
	"TCP_CHECK": health.TCP, "HTTP_GET": health.HTTP, "SSL_GET": health.SSL, "UDP_CHECK": health.UDP,
	"DNS_CHECK": health.DNS, "MISC_CHECK": health.Misc, "PING_CHECK": health.Ping, "SMTP_CHECK": health.SMTP,
	"FILE_CHECK": health.File,
}

// checkBuilder is a checker block before defaults are applied.
type checkBuilder struct {
	pos          Pos
	check        health.Check
	retry        *int
	timers       timerDefaults
	alpha        *bool
	defaultRetry int
	defaultDelay *time.Duration // delay_before_retry's default; nil: the delay_loop
	miscTimeout  *time.Duration
	fileWeight   *int64
	fileReverse  bool
	connWritten  bool // a connection keyword is written in the block itself
	userSet      bool // MISC_CHECK user
}

func rsChecker(p *parser, b *vsBuilder, rs *rsBuilder, c *node) error {
	if c.key() == "BFD_CHECK" {
		at := c.end() // keepalived reports at the name, which it looks up
		for _, x := range c.Children {
			if x.key() == "name" {
				at = x.Pos
			}
		}
		p.warn(at, "BFD_CHECK is not supported by xvs (no BFD): checker ignored, the server is judged by its other checkers")
		return nil
	}
	kind := checkerKinds[c.key()]
	second := time.Second
	cb := &checkBuilder{pos: c.Pos, defaultRetry: 1, defaultDelay: &second}
	cb.check = health.Check{Kind: kind, Conn: health.Conn{Addr: rs.addr, Port: rs.port}}
	switch kind {
	case health.HTTP, health.SSL:
		three := 3 * time.Second
		cb.defaultDelay = &three
		cb.check.HTTPProtocol = "1.0"
	case health.Misc:
		cb.defaultRetry = 0
	case health.DNS:
		cb.defaultRetry, cb.defaultDelay = 3, nil
		cb.check.DNSType, cb.check.DNSName = health.DNSTypes["SOA"], "."
	case health.UDP:
		cb.check.MaxReply = math.MaxUint8
	case health.SMTP:
		cb.check.Helo = "smtpchecker.keepalived.org"
	}
	var hosts []*checkBuilder
	for _, x := range c.Children {
		if kind == health.SMTP && x.key() == "host" {
			h, err := p.smtpHost(cb, rs, x)
			if err != nil {
				return err
			}
			if h != nil {
				hosts = append(hosts, h)
			}
			continue
		}
		if err := p.checkItem(cb, x); err != nil {
			return err
		}
	}
	if !p.keepChecker(cb, c) {
		return nil
	}
	if len(hosts) == 0 {
		rs.checks = append(rs.checks, cb)
		return nil
	}
	// keepalived 2.2.7's smtp_check_end_handler: the checker keeps its own
	// connection if any connection keyword was written in it, else it takes
	// the first host's; every other host is one more checker, with the
	// checker's other settings.
	if !cb.connWritten {
		cb.check.Conn, cb.timers.connectTimeout = hosts[0].check.Conn, hosts[0].timers.connectTimeout
		hosts = hosts[1:]
	}
	rs.checks = append(rs.checks, cb)
	for _, h := range hosts {
		n := *cb
		n.check.Conn, n.timers.connectTimeout = h.check.Conn, h.timers.connectTimeout
		rs.checks = append(rs.checks, &n)
	}
	return nil
}

// smtpHost reads an SMTP_CHECK host block (deprecated, and still run by
// keepalived 2.2.7): a connection to the real server unless connect_ip
// and connect_port say otherwise; the other common keywords in it are the
// checker's. A host without connect_timeout takes the real server's or
// the virtual server's, as keepalived means to (2.2.7 leaves it 0, which
// times the connection out at once: a bug xvs does not copy).
func (p *parser) smtpHost(cb *checkBuilder, rs *rsBuilder, n *node) (*checkBuilder, error) {
	p.warn(n.Pos, "SMTP_CHECK: the host block is deprecated (keepalived: define additional checkers); run as one more checker")
	h := &checkBuilder{pos: n.Pos, check: health.Check{Kind: health.SMTP, Conn: health.Conn{Addr: rs.addr, Port: rs.port}}}
	for _, x := range n.Children {
		switch {
		case strings.Contains(" "+connKeywords+" ", " "+x.key()+" "):
			if err := p.checkItem(h, x); err != nil {
				return nil, err
			}
		case strings.Contains(" "+commonKeywords+" ", " "+x.key()+" "):
			if err := p.checkItem(cb, x); err != nil {
				return nil, err
			}
		default:
			p.warn(x.Pos, "SMTP_CHECK host: unknown keyword %q ignored", x.key())
		}
	}
	if a := h.check.Conn.Addr; a.Is6() && a.IsLinkLocalUnicast() && h.check.Conn.BindIf == "" {
		p.warn(n.end(), "SMTP_CHECK host connects to a link-local address without bind_if: ignored, as keepalived does")
		return nil, nil
	}
	return h, nil
}

// keepChecker is the checkers' end handlers: keepalived drops an HTTP_GET
// without urls, a MISC_CHECK without a script it can run, a FILE_CHECK
// without a track_file, and a link-local address without bind_if.
func (p *parser) keepChecker(cb *checkBuilder, c *node) bool {
	ch := &cb.check
	drop := ""
	switch {
	case (ch.Kind == health.HTTP || ch.Kind == health.SSL) && len(ch.URLs) == 0:
		drop = "has no urls"
	case ch.Kind == health.Misc && len(ch.Script) == 0:
		drop = "has no misc_path"
	case ch.Kind == health.Misc && !cb.userSet && p.noDefaultScriptUser():
		drop = "has no user and global_defs' script user does not exist (script_user, or keepalived_script with enable_script_security)"
	case ch.Kind == health.Misc && !p.runnable(c.Pos, ch.Script):
		// keepalived drops it after alpha made it fail: the server keeps
		// the state it starts in, for good
		ch.Disabled = true
	case ch.Kind == health.File && ch.FilePath == "":
		drop = "has no track_file"
	case ch.Kind != health.Misc && ch.Kind != health.File && ch.Conn.Addr.Is6() && ch.Conn.Addr.IsLinkLocalUnicast() && ch.Conn.BindIf == "":
		drop = "connects to a link-local address without bind_if"
	}
	if drop != "" {
		p.warn(c.end(), "%s %s: checker ignored, as keepalived does", c.key(), drop)
		return false
	}
	if usesPort(ch.Kind) && ch.Conn.Port == 0 {
		p.warn(c.Pos, "%s connects to port 0, as keepalived does for a real server written without port: it always fails; add connect_port", c.key())
	}
	return true
}

// usesPort tells whether a checker connects to a port.
func usesPort(k health.Kind) bool { return k != health.Misc && k != health.File && k != health.Ping }

type checkHandler func(p *parser, cb *checkBuilder, c *node) error

// checkHandlers per keyword; connection keywords are not MISC_CHECK's nor
// FILE_CHECK's, and FILE_CHECK has none of the common ones.
var checkHandlers = map[string]checkHandler{
	"connect_ip": ckAddr, "bindto": ckAddr, "connect_port": ckPort, "bind_port": ckPort,
	"bind_if": ckBindIf, "fwmark": ckMark, "connect_timeout": ckTimer,
	"retry": ckRetry, "nb_get_retry": ckRetry, "delay_before_retry": ckTimer, "warmup": ckTimer,
	"delay_loop": ckTimer, "alpha": ckAlpha, "log_all_failures": ckQuiet,
	"virtualhost": ckVirtualhost, "http_protocol": ckHTTPProtocol, "enable_sni": ckHTTPFlag,
	"fast_recovery": ckHTTPFlag, "url": ckURL,
	"misc_path": ckMiscPath, "misc_timeout": ckMiscTimeout, "misc_dynamic": ckMiscDynamic, "user": ckUser,
	"helo_name": ckHelo, "type": ckDNSType, "name": ckDNSName,
	"payload": ckPayload, "require_reply": ckPayload, "min_reply_length": ckReplyLength, "max_reply_length": ckReplyLength,
	"track_file": ckTrackFile, "weight": ckFileWeight,
}

// checkKeywords lists what each checker type takes beyond the common
// keywords.
var checkKeywords = map[health.Kind]string{
	health.TCP:  "",
	health.Ping: "",
	health.HTTP: "nb_get_retry virtualhost http_protocol enable_sni fast_recovery url",
	health.SSL:  "nb_get_retry virtualhost http_protocol enable_sni fast_recovery url",
	health.Misc: "misc_path misc_timeout misc_dynamic user",
	health.SMTP: "helo_name",
	health.DNS:  "type name",
	health.UDP:  "payload require_reply min_reply_length max_reply_length",
	health.File: "track_file weight",
}

const connKeywords = "connect_ip bindto connect_port bind_port bind_if fwmark connect_timeout"
const commonKeywords = "retry delay_before_retry warmup delay_loop alpha log_all_failures"

func takes(kind health.Kind, key string) bool {
	in := func(list string) bool { return strings.Contains(" "+list+" ", " "+key+" ") }
	switch {
	case in(checkKeywords[kind]):
		return true
	case kind == health.File:
		return false
	case in(commonKeywords):
		return true
	}
	return kind != health.Misc && in(connKeywords)
}

func (p *parser) checkItem(cb *checkBuilder, c *node) error {
	kind := cb.check.Kind
	if !takes(kind, c.key()) {
		p.warn(c.Pos, "%s: unknown keyword %q ignored", kind, c.key())
		return nil
	}
	if strings.Contains(" "+connKeywords+" ", " "+c.key()+" ") {
		cb.connWritten = true
	}
	return checkHandlers[c.key()](p, cb, c)
}

func ckQuiet(*parser, *checkBuilder, *node) error { return nil }

// ckAddr is keepalived's co_ip_handler and co_srcip_handler: connect_ip
// replaces the address (the port stays); the two must be of one family.
func ckAddr(p *parser, cb *checkBuilder, c *node) error {
	v, err := firstArg(c)
	if err != nil {
		return err
	}
	a, err := netip.ParseAddr(v)
	if err != nil {
		return errorf(c.Pos, "%s: invalid address %q", c.key(), v)
	}
	co := &cb.check.Conn
	if c.key() == "connect_ip" {
		if co.BindTo.IsValid() && co.BindTo.Is4() != a.Is4() {
			p.warn(c.Pos, "connect_ip %s does not match the family of bindto: ignored, as keepalived does", v)
			return nil
		}
		co.Addr = a
		return nil
	}
	if co.Addr.Is4() != a.Is4() {
		p.warn(c.Pos, "bindto %s does not match the family of connect_ip: ignored, as keepalived does", v)
		return nil
	}
	co.BindTo = a
	return nil
}

func ckPort(p *parser, cb *checkBuilder, c *node) error {
	v, err := unsignedArg(c, 1, math.MaxUint16)
	if err != nil {
		return err
	}
	if c.key() == "connect_port" {
		cb.check.Conn.Port = uint16(v)
	} else {
		cb.check.Conn.BindPort = uint16(v)
	}
	return nil
}

func ckBindIf(p *parser, cb *checkBuilder, c *node) error {
	v, err := firstArg(c)
	if err != nil {
		return err
	}
	if len(v) > 15 {
		return errorf(c.Pos, "bind_if: interface name %q is too long", v)
	}
	cb.check.Conn.BindIf = v
	return nil
}

func ckMark(p *parser, cb *checkBuilder, c *node) error {
	v, err := unsignedArg(c, 0, math.MaxUint32)
	if err != nil {
		return err
	}
	cb.check.Conn.FWMark = uint32(v)
	return nil
}

func ckTimer(p *parser, cb *checkBuilder, c *node) error {
	return readTimer(c, &cb.timers)
}

func ckRetry(p *parser, cb *checkBuilder, c *node) error {
	if c.key() == "nb_get_retry" {
		p.warn(c.Pos, "nb_get_retry is deprecated: use retry")
	}
	v, err := unsignedArg(c, 0, math.MaxUint32)
	if err != nil {
		return err
	}
	r := int(v)
	cb.retry = &r
	return nil
}

func ckAlpha(p *parser, cb *checkBuilder, c *node) error {
	v, err := boolArg(c)
	if err != nil {
		return err
	}
	cb.alpha = &v
	return nil
}

func ckVirtualhost(p *parser, cb *checkBuilder, c *node) error {
	v, err := firstArg(c)
	if err != nil {
		return err
	}
	cb.check.VirtualHost = v
	return nil
}

func ckHTTPProtocol(p *parser, cb *checkBuilder, c *node) error {
	v, err := firstArg(c)
	if err != nil {
		return err
	}
	switch v {
	case "1.0", "1.1", "1.0C":
	case "1.0c":
		v = "1.0C"
	default:
		return errorf(c.Pos, "http_protocol: %q is not 1.0, 1.1 or 1.0C", v)
	}
	cb.check.HTTPProtocol = v
	return nil
}

func ckHTTPFlag(p *parser, cb *checkBuilder, c *node) error {
	v := true
	if c.key() == "fast_recovery" {
		var err error
		if v, err = boolArg(c); err != nil {
			return err
		}
		cb.check.FastRecovery = v
		return nil
	}
	cb.check.EnableSNI = v
	return nil
}

// ckURL reads a url block: a url without path is dropped; without
// status_code it takes 200-299.
func ckURL(p *parser, cb *checkBuilder, c *node) error {
	u := health.URL{}
	for _, y := range c.Children {
		switch y.key() {
		case "path":
			v, err := firstArg(y)
			if err != nil {
				return err
			}
			u.Path = v
		case "digest":
			if err := urlDigest(y, &u); err != nil {
				return err
			}
		case "status_code":
			if err := statusCodes(y, &u.Codes); err != nil {
				return err
			}
		case "virtualhost":
			v, err := firstArg(y)
			if err != nil {
				return err
			}
			u.VirtualHost = v
		case "regex", "regex_no_match", "regex_options", "regex_stack", "regex_min_offset", "regex_max_offset":
			return errorf(y.Pos, "url: %s is not supported by xvs (the check would pass where keepalived's fails)", y.key())
		default:
			p.warn(y.Pos, "url: unknown keyword %q ignored", y.key())
		}
	}
	if u.Path == "" {
		p.warn(c.end(), "url has no path: ignored, as keepalived does")
		return nil
	}
	if u.Codes.Empty() {
		u.Codes.Add(200, 299)
	}
	cb.check.URLs = append(cb.check.URLs, u)
	return nil
}

func urlDigest(y *node, u *health.URL) error {
	v, err := firstArg(y)
	if err != nil {
		return err
	}
	if len(v) != 32 || !isHexString(v) {
		return errorf(y.Pos, "digest: %q is not 32 hex digits (an MD5)", v)
	}
	if u.Digest != "" {
		return errorf(y.Pos, "digest given twice")
	}
	u.Digest = strings.ToLower(v)
	return nil
}

func isHexString(s string) bool {
	for i := range len(s) {
		if !isHex(s[i]) {
			return false
		}
	}
	return true
}

// statusCodes reads status_code CODE|LO-HI ...
func statusCodes(y *node, set *health.StatusCodes) error {
	if len(y.args()) == 0 {
		return errorf(y.Pos, "status_code needs codes")
	}
	for _, a := range y.args() {
		lo, hi, isRange := strings.Cut(a, "-")
		if !isRange {
			hi = lo
		}
		l, err1 := unsignedValue(y, lo, 100, 599)
		h, err2 := unsignedValue(y, hi, 100, 599)
		if err1 != nil || err2 != nil || l > h {
			return errorf(y.Pos, "status_code: invalid code %q (100..599, or LOW-HIGH)", a)
		}
		set.Add(int(l), int(h))
	}
	return nil
}

func ckMiscPath(p *parser, cb *checkBuilder, c *node) error {
	argv, err := script(c)
	if err != nil {
		return err
	}
	cb.check.Script = argv
	return nil
}

func ckMiscTimeout(p *parser, cb *checkBuilder, c *node) error {
	v, err := unsignedArg(c, 0, math.MaxUint32/1000000)
	if err != nil {
		return err
	}
	if v > 0 { // 0: the virtual server's delay_loop
		d := time.Duration(v) * time.Second
		cb.miscTimeout = &d
	}
	return nil
}

func ckMiscDynamic(p *parser, cb *checkBuilder, c *node) error {
	cb.check.Dynamic = true
	return nil
}

func ckUser(p *parser, cb *checkBuilder, c *node) error {
	cb.userSet = true
	p.warn(c.Pos, "MISC_CHECK user is not supported by xvs: the script runs as xvsd's user")
	return nil
}

func ckHelo(p *parser, cb *checkBuilder, c *node) error {
	v, err := firstArg(c)
	if err != nil {
		return err
	}
	cb.check.Helo = v
	return nil
}

func ckDNSType(p *parser, cb *checkBuilder, c *node) error {
	v, err := firstArg(c)
	if err != nil {
		return err
	}
	t, ok := health.DNSTypes[v]
	if !ok {
		return errorf(c.Pos, "DNS_CHECK type %q is not one keepalived knows (A NS CNAME SOA MX TXT AAAA RRSIG DNSKEY)", v)
	}
	cb.check.DNSType = t
	return nil
}

func ckDNSName(p *parser, cb *checkBuilder, c *node) error {
	v, err := firstArg(c)
	if err != nil {
		return err
	}
	if (strings.HasPrefix(v, ".") && v != ".") || strings.Contains(v, "..") {
		return errorf(c.Pos, "DNS_CHECK name %q has an empty label", v)
	}
	cb.check.DNSName = v
	return nil
}

// ckPayload reads UDP_CHECK's payload and require_reply: the rest of the
// line is one hex string (require_reply may have X nibbles).
func ckPayload(p *parser, cb *checkBuilder, c *node) error {
	ch := &cb.check
	if c.key() == "require_reply" {
		ch.RequireReply = true
		if len(c.args()) == 0 {
			return nil
		}
	} else if len(c.args()) == 0 {
		return errorf(c.Pos, "payload needs a hex string")
	}
	data, mask, ok := hexBytes(strings.Join(c.args(), " "), c.key() == "require_reply")
	if !ok {
		return errorf(c.Pos, "%s: invalid hex string %q", c.key(), strings.Join(c.args(), " "))
	}
	if c.key() == "payload" {
		ch.Payload = data
	} else {
		ch.Reply, ch.ReplyMask = data, mask
	}
	return nil
}

func ckReplyLength(p *parser, cb *checkBuilder, c *node) error {
	v, err := unsignedArg(c, 0, math.MaxUint16)
	if err != nil {
		return err
	}
	if c.key() == "min_reply_length" {
		cb.check.MinReply = int(v)
	} else {
		cb.check.MaxReply = int(v)
	}
	return nil
}

func ckTrackFile(p *parser, cb *checkBuilder, c *node) error {
	name, err := firstArg(c)
	if err != nil {
		return err
	}
	tf, ok := p.trackFiles[name]
	if !ok {
		p.warn(c.Pos, "track_file %s not found: ignored, as keepalived does", name)
		return nil
	}
	cb.check.TrackFile, cb.check.FilePath = name, tf.path
	if cb.fileWeight == nil {
		cb.check.FileWeight, cb.check.FileReverse = tf.weight, tf.reverse
	}
	return nil
}

func ckFileWeight(p *parser, cb *checkBuilder, c *node) error {
	w, rev, err := fileWeight(c, maxWeight)
	if err != nil {
		return err
	}
	cb.fileWeight, cb.fileReverse = &w, rev
	cb.check.FileWeight, cb.check.FileReverse = w, rev
	return nil
}

// resolve gives a checker keepalived's defaults: its own settings, else its
// real server's, else its virtual server's, else the checker type's.
func (cb *checkBuilder) resolve(b *vsBuilder, rs *rsBuilder, rsAlpha bool) health.Check {
	c := cb.check
	c.Alpha = rsAlpha
	if cb.alpha != nil {
		c.Alpha = *cb.alpha
	}
	if c.Kind == health.File {
		c.Alpha = false
		return c
	}
	c.Retry = cb.defaultRetry
	for _, r := range []*int{cb.retry, rs.retry, b.retry} {
		if r != nil {
			c.Retry = *r
			break
		}
	}
	c.Conn.Timeout = pick(b.connectTimeout, cb.timers.connectTimeout, rs.timers.connectTimeout)
	c.DelayLoop = pick(b.delayLoop, cb.timers.delayLoop, rs.timers.delayLoop)
	c.Warmup = pick(c.DelayLoop, cb.timers.warmup, rs.timers.warmup, b.warmup)
	dbrDefault := c.DelayLoop
	if cb.defaultDelay != nil {
		dbrDefault = *cb.defaultDelay
	}
	c.DelayBeforeRetry = pick(dbrDefault, cb.timers.delayBeforeRetry, rs.timers.delayBeforeRetry, b.delayBeforeRetry)
	c.Timeout = b.delayLoop // misc_timeout defaults to the virtual server's delay_loop
	if cb.miscTimeout != nil {
		c.Timeout = *cb.miscTimeout
	}
	for i := range c.URLs {
		c.URLs[i].Host = firstOf(c.URLs[i].VirtualHost, c.VirtualHost, rs.vhost, b.virtualhost)
	}
	return c
}

// pick is the first value written, else def.
func pick(def time.Duration, vals ...*time.Duration) time.Duration {
	for _, v := range vals {
		if v != nil {
			return *v
		}
	}
	return def
}

func firstOf(vals ...string) string {
	for _, v := range vals {
		if v != "" {
			return v
		}
	}
	return ""
}
