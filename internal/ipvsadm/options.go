package ipvsadm

// Commands, numbered as ipvsadm.c's CMD_* (index+1 into cmdNames).
const (
	cmdNone = iota
	cmdAdd
	cmdEdit
	cmdDel
	cmdFlush
	cmdList
	cmdAddDest
	cmdDelDest
	cmdEditDest
	cmdTimeout
	cmdStartDaemon
	cmdStopDaemon
	cmdRestore
	cmdSave
	cmdZero
)

var cmdNames = [...]string{
	"add-service", "edit-service", "delete-service", "flush", "list",
	"add-server", "delete-server", "edit-server", "set", "start-daemon",
	"stop-daemon", "restore", "save", "zero",
}

// Options, numbered as ipvsadm.c's OPTC_*; the option set is a bit mask of them.
const (
	optNumeric = iota
	optConnection
	optService
	optScheduler
	optPersistent
	optNetmask
	optServer
	optForward
	optWeight
	optUThreshold
	optLThreshold
	optMcast
	optTimeout
	optDaemon
	optStats
	optRate
	optThresholds
	optPersistentConn
	optNoSort
	optSyncID
	optExact
	optOnePacket
	optPE
	optSchedFlags
	optMcastGroup
	optMcastPort
	optMcastTTL
	optSyncMaxLen
	optTunInfo
	optTunType
	optTunPort
	optTunNoCsum
	optTunCsum
	optTunRemCsum
	numOpts
)

var optNames = [numOpts]string{
	"numeric", "connection", "service-address", "scheduler", "persistent",
	"netmask", "real-server", "forwarding-method", "weight", "u-threshold",
	"l-threshold", "mcast-interface", "timeout", "daemon", "stats", "rate",
	"thresholds", "persistent-conn", "nosort", "syncid", "exact", "ops", "pe",
	"sched-flags", "mcast-group", "mcast-port", "mcast-ttl", "sync-maxlen",
	"tun-info", "tun-type", "tun-port", "tun-nocsum", "tun-csum", "tun-remcsum",
}

func bit(o int) uint64 { return 1 << uint(o) }

// commandsVsOptions is ipvsadm.c's commands_v_options: '+' compulsory,
// 'x' illegal, '1' at most one of the '1' options, ' ' optional. Columns
// follow the opt* numbering.
var commandsVsOptions = [...]string{
	//          -n  -c  svc -s  -p  -M  -r  fwd -w  -x  -y  -mc tot dmn -st -rt thr -pc srt sid -ex ops -pe -b  grp prt ttl siz tin typ tpr noc csu rem
	cmdAdd - 1:         "xx+   xxxxxxxxxxxxxxx   xxxxxxxxxx",
	cmdEdit - 1:        "xx+   xxxxxxxxxxxxxxx   xxxxxxxxxx",
	cmdDel - 1:         "xx+xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx",
	cmdFlush - 1:       "xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx",
	cmdList - 1:        " 11xxxxxxxxx11       xxxxxxx xxxxx",
	cmdAddDest - 1:     "xx+xxx+    xxxxxxxxxxxxxxxxxx     ",
	cmdDelDest - 1:     "xx+xxx+xxxxxxxxxxxxxxxxxxxxxxxxxxx",
	cmdEditDest - 1:    "xx+xxx+    xxxxxxxxxxxxxxxxxx     ",
	cmdTimeout - 1:     "xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx",
	cmdStartDaemon - 1: "xxxxxxxxxxx xxxxxxx xxxx    xxxxxx",
	cmdStopDaemon - 1:  "xxxxxxxxxxxxxxxxxxx xxxxxxxxxxxxxx",
	cmdRestore - 1:     "xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx",
	cmdSave - 1:        " xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx",
	cmdZero - 1:        "xx xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx",
}

// Tags of long-only options (ipvsadm.c's TAG_*); short options use their letter.
const (
	tagSet = 128 + iota
	tagStartDaemon
	tagStopDaemon
	tagMcastInterface
	tagTimeout
	tagDaemon
	tagStats
	tagRate
	tagThresholds
	tagPersistentConn
	tagSort
	tagNoSort
	tagPE
	tagSCTPService
	tagMcastGroup
	tagMcastPort
	tagMcastTTL
	tagSyncMaxLen
	tagTunInfo
	tagTunType
	tagTunPort
	tagTunNoCsum
	tagTunCsum
	tagTunRemCsum
	// tagExtension is the first tag free for xvs's own long options.
	tagExtension
)

// optionTable is ipvsadm's popt table, in its order (the order decides
// which entry a long name finds first).
var optionTable = []optSpec{
	{"add-service", 'A', argNone, 'A'},
	{"edit-service", 'E', argNone, 'E'},
	{"delete-service", 'D', argNone, 'D'},
	{"clear", 'C', argNone, 'C'},
	{"list", 'L', argNone, 'L'},
	{"list", 'l', argNone, 'l'},
	{"zero", 'Z', argNone, 'Z'},
	{"add-server", 'a', argNone, 'a'},
	{"edit-server", 'e', argNone, 'e'},
	{"delete-server", 'd', argNone, 'd'},
	{"set", 0, argNone, tagSet},
	{"help", 'h', argNone, 'h'},
	{"version", 'v', argNone, 'v'},
	{"restore", 'R', argNone, 'R'},
	{"save", 'S', argNone, 'S'},
	{"start-daemon", 0, argRequired, tagStartDaemon},
	{"stop-daemon", 0, argRequired, tagStopDaemon},
	{"tcp-service", 't', argRequired, 't'},
	{"udp-service", 'u', argRequired, 'u'},
	{"sctp-service", 0, argRequired, tagSCTPService},
	{"fwmark-service", 'f', argRequired, 'f'},
	{"scheduler", 's', argRequired, 's'},
	{"persistent", 'p', argOptional, 'p'},
	{"netmask", 'M', argRequired, 'M'},
	{"real-server", 'r', argRequired, 'r'},
	{"masquerading", 'm', argNone, 'm'},
	{"ipip", 'i', argNone, 'i'},
	{"gatewaying", 'g', argNone, 'g'},
	{"weight", 'w', argRequired, 'w'},
	{"u-threshold", 'x', argRequired, 'x'},
	{"l-threshold", 'y', argRequired, 'y'},
	{"numeric", 'n', argNone, 'n'},
	{"connection", 'c', argNone, 'c'},
	{"mcast-interface", 0, argRequired, tagMcastInterface},
	{"syncid", 0, argRequired, 'I'},
	{"timeout", 0, argNone, tagTimeout},
	{"daemon", 0, argNone, tagDaemon},
	{"stats", 0, argNone, tagStats},
	{"rate", 0, argNone, tagRate},
	{"thresholds", 0, argNone, tagThresholds},
	{"persistent-conn", 0, argNone, tagPersistentConn},
	{"nosort", 0, argNone, tagNoSort},
	{"sort", 0, argNone, tagSort},
	{"exact", 'X', argNone, 'X'},
	{"ipv6", '6', argNone, '6'},
	{"ops", 'o', argNone, 'o'},
	{"pe", 0, argRequired, tagPE},
	{"sched-flags", 'b', argRequired, 'b'},
	{"mcast-group", 0, argRequired, tagMcastGroup},
	{"mcast-port", 0, argRequired, tagMcastPort},
	{"mcast-ttl", 0, argRequired, tagMcastTTL},
	{"sync-maxlen", 0, argRequired, tagSyncMaxLen},
	{"tun-info", 0, argNone, tagTunInfo},
	{"tun-type", 0, argRequired, tagTunType},
	{"tun-port", 0, argRequired, tagTunPort},
	{"tun-nocsum", 0, argNone, tagTunNoCsum},
	{"tun-csum", 0, argNone, tagTunCsum},
	{"tun-remcsum", 0, argNone, tagTunRemCsum},
}

// Output format flags (ipvsadm.c's FMT_*).
const (
	fmtNumeric uint = 1 << iota
	fmtRule
	fmtStats
	fmtRate
	fmtThresholds
	fmtPersistentConn
	fmtNoSort
	fmtExact
	fmtTunInfo
)

// Tunnel options checked against the tunnel type (tunnel_types_v_options).
var tunOpts = [...]int{optTunPort, optTunNoCsum, optTunCsum, optTunRemCsum}

var tunTypesVsOptions = [...]string{
	"xxxx", // ipip
	"+111", // gue
	"x11x", // gre
}

var tunNames = [...]string{"ipip", "gue", "gre"}
var tunFlagNames = [...]string{"-c", "+c", "r+c"}
var tunFlagOpts = [...]string{"--tun-nocsum", "--tun-csum", "--tun-remcsum"}
