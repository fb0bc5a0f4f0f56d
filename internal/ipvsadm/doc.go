// Package ipvsadm is xvs's ipvsadm 1.31: the command line, the checks and
// the output of ipvsadm, byte for byte, with the kernel replaced by xvsd's
// API.
//
// The package mirrors ipvsadm.c's structure so differences are easy to
// find: popt.go scans the command line as libpopt does, options.go holds
// ipvsadm's option table and its command × option matrix, parse.go is
// parse_options and process_options up to the kernel call, run.go carries
// out the command through a Client, restore.go is -R (config_stream_read
// and restore_table), format.go and conns.go print what list_all,
// list_service, list_conn, list_timeout and list_daemon print, sort.go is
// libipvs's comparisons under glibc's merge sort, and names.go stands in
// for gethostbyname, gethostbyaddr, getservbyname and getservbyport.
//
// Nothing here does I/O except through CLI's fields: the Client (xvsd),
// the Resolver (hosts) and Services (ports), and the standard streams.
// Help, version and every parse error are answered without the daemon.
//
// Exit statuses are ipvsadm's: 2 for what parsing rejects, 255 for what
// the kernel (here xvsd) refuses and for popt errors, 1 when a listing
// fails (a missing service), 0 otherwise. When xvsd cannot be reached the
// run prints one line saying so and how to start it, and exits 2.
//
// xvs may extend the command line with new long options only; see
// extensions.go for how, and why short options stay ipvsadm's.
package ipvsadm
