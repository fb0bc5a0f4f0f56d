package ipvsadm

import (
	"bufio"
	"context"
	"io"
	"net"
	"net/netip"
	"os"
	"strconv"
	"strings"
	"sync"
	"time"
)

// Resolver stands in for glibc's gethostbyname and gethostbyaddr, which
// ipvsadm uses to read host names and to print them without -n.
type Resolver interface {
	// LookupIPv4 returns the first IPv4 address of a host name.
	LookupIPv4(name string) (netip.Addr, bool)
	// LookupName returns the canonical name of an address.
	LookupName(addr netip.Addr) (string, bool)
}

// Services stands in for getservbyname and getservbyport.
type Services interface {
	// Port returns the port of a service name or alias for proto ("tcp", "udp", "sctp").
	Port(name, proto string) (uint16, bool)
	// Name returns the official name of the service on port for proto.
	Name(port uint16, proto string) (string, bool)
}

// ServiceDB is a parsed services(5) file.
type ServiceDB struct {
	byName map[string]uint16 // "name/proto" (aliases too), first entry wins
	byPort map[string]string // "port/proto" -> official name, first entry wins
}

// ParseServices reads a services(5) file: "name port/proto [aliases...] [# comment]".
func ParseServices(r io.Reader) (*ServiceDB, error) {
	db := &ServiceDB{byName: map[string]uint16{}, byPort: map[string]string{}}
	sc := bufio.NewScanner(r)
	for sc.Scan() {
		line, _, _ := strings.Cut(sc.Text(), "#")
		f := strings.Fields(line)
		if len(f) < 2 {
			continue
		}
		portStr, proto, ok := strings.Cut(f[1], "/")
		if !ok {
			continue
		}
		port, err := strconv.ParseUint(portStr, 10, 16)
		if err != nil {
			continue
		}
		pk := portStr + "/" + proto
		if _, dup := db.byPort[pk]; !dup {
			db.byPort[pk] = f[0]
		}
		for _, n := range append([]string{f[0]}, f[2:]...) {
			if _, dup := db.byName[n+"/"+proto]; !dup {
				db.byName[n+"/"+proto] = uint16(port)
			}
		}
	}
	return db, sc.Err()
}

// Port implements Services.
func (db *ServiceDB) Port(name, proto string) (uint16, bool) {
	p, ok := db.byName[name+"/"+proto]
	return p, ok
}

// Name implements Services.
func (db *ServiceDB) Name(port uint16, proto string) (string, bool) {
	n, ok := db.byPort[strconv.Itoa(int(port))+"/"+proto]
	return n, ok
}

// loadServices reads /etc/services; a missing file is an empty database,
// as it is for glibc.
func loadServices() *ServiceDB {
	f, err := os.Open("/etc/services")
	if err != nil {
		db, _ := ParseServices(strings.NewReader(""))
		return db
	}
	defer f.Close()
	db, _ := ParseServices(f)
	return db
}

// Hosts is a parsed hosts(5) file, read as glibc's files backend reads it.
// An IPv4 lookup (gethostbyname, gethostbyaddr of an IPv4 address) also
// takes an IPv4-mapped line as its IPv4 address and the "::1" line as
// 127.0.0.1, so on Debian ip6-localhost is 127.0.0.1 for ipvsadm; an IPv6
// lookup sees the IPv6 lines only (mapped ones included, as they are).
type Hosts struct {
	addrs  map[string]netip.Addr // name or alias -> first IPv4 answer
	names4 map[netip.Addr]string // IPv4 address -> first name of the first line for it
	names6 map[netip.Addr]string // IPv6 address -> same
}

// ParseHosts reads a hosts(5) file.
func ParseHosts(r io.Reader) *Hosts {
	h := &Hosts{addrs: map[string]netip.Addr{}, names4: map[netip.Addr]string{}, names6: map[netip.Addr]string{}}
	sc := bufio.NewScanner(r)
	for sc.Scan() {
		line, _, _ := strings.Cut(sc.Text(), "#")
		f := strings.Fields(line)
		if len(f) < 2 {
			continue
		}
		a, err := netip.ParseAddr(f[0])
		if err != nil || a.Zone() != "" {
			continue
		}
		if a.Is6() {
			addFirst(h.names6, a, f[1])
		}
		v4, ok := ipv4Answer(a)
		if !ok {
			continue
		}
		addFirst(h.names4, v4, f[1])
		for _, n := range f[1:] {
			addFirst(h.addrs, strings.ToLower(n), v4)
		}
	}
	return h
}

// ipv4Answer is what a line's address is to an IPv4 lookup in glibc's
// files backend (files-hosts.c): itself, the IPv4 address of a mapped one,
// 127.0.0.1 for ::1; other IPv6 lines are skipped.
func ipv4Answer(a netip.Addr) (netip.Addr, bool) {
	switch {
	case a.Is4():
		return a, true
	case a.Is4In6():
		return a.Unmap(), true
	case a == netip.IPv6Loopback():
		return netip.AddrFrom4([4]byte{127, 0, 0, 1}), true
	}
	return netip.Addr{}, false
}

func addFirst[K comparable, V any](m map[K]V, k K, v V) {
	if _, dup := m[k]; !dup {
		m[k] = v
	}
}

// name is the reverse lookup in the file: an IPv4 lookup for an IPv4
// address, an IPv6 one (mapped addresses too) for the others.
func (h *Hosts) name(a netip.Addr) (string, bool) {
	if a.Is4() {
		n, ok := h.names4[a]
		return n, ok
	}
	n, ok := h.names6[a]
	return n, ok
}

// SystemResolver answers from /etc/hosts first, then from DNS within one
// short budget for the whole run, so a listing without -n never hangs on
// an unreachable name server: once the budget is spent, addresses print
// as numbers. Answers are cached for the run.
type SystemResolver struct {
	Hosts  *Hosts
	Budget time.Duration // total time DNS may take in this run

	mu       sync.Mutex
	spent    time.Duration
	names    map[netip.Addr]string
	resolver *net.Resolver
}

// NewSystemResolver reads /etc/hosts and allows DNS 300 ms in all.
func NewSystemResolver() *SystemResolver {
	h := ParseHosts(strings.NewReader(""))
	if f, err := os.Open("/etc/hosts"); err == nil {
		h = ParseHosts(f)
		f.Close()
	}
	return &SystemResolver{Hosts: h, Budget: 300 * time.Millisecond, resolver: &net.Resolver{PreferGo: true}}
}

// dns runs one lookup against what is left of the budget.
func (r *SystemResolver) dns(lookup func(ctx context.Context) bool) bool {
	r.mu.Lock()
	left := r.Budget - r.spent
	r.mu.Unlock()
	if left <= 0 {
		return false
	}
	ctx, cancel := context.WithTimeout(context.Background(), left)
	defer cancel()
	start := time.Now()
	ok := lookup(ctx)
	r.mu.Lock()
	r.spent += time.Since(start)
	r.mu.Unlock()
	return ok
}

// LookupIPv4 implements Resolver.
func (r *SystemResolver) LookupIPv4(name string) (netip.Addr, bool) {
	if a, ok := r.Hosts.addrs[strings.ToLower(name)]; ok {
		return a, true
	}
	var out netip.Addr
	ok := r.dns(func(ctx context.Context) bool {
		ips, err := r.resolver.LookupNetIP(ctx, "ip4", name)
		if err != nil || len(ips) == 0 {
			return false
		}
		out = ips[0].Unmap()
		return true
	})
	return out, ok
}

// LookupName implements Resolver.
func (r *SystemResolver) LookupName(a netip.Addr) (string, bool) {
	if n, ok := r.Hosts.name(a); ok {
		return n, true
	}
	r.mu.Lock()
	if r.names == nil {
		r.names = map[netip.Addr]string{}
	}
	n, cached := r.names[a]
	r.mu.Unlock()
	if cached {
		return n, n != ""
	}
	r.dns(func(ctx context.Context) bool {
		names, err := r.resolver.LookupAddr(ctx, a.String())
		if err != nil || len(names) == 0 {
			return false
		}
		n = strings.TrimSuffix(names[0], ".")
		return true
	})
	r.mu.Lock()
	r.names[a] = n
	r.mu.Unlock()
	return n, n != ""
}
