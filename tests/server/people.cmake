# Tests of orgdeckd's framework and its people side: the protocol,
# Idempotency-Key, organizations and members, invitations, projects and the
# commands.  Each runs against a real orgdeckd, most with the cast built by
# crew.c; the SQLite library lets a test age a row the way time would.
foreach(name protocol orgs invitations projects cli idempotency)
	add_executable(test_server_${name}
		${CMAKE_CURRENT_LIST_DIR}/test_${name}.c)
	target_link_libraries(test_server_${name} PRIVATE orgdeck-crew
		PkgConfig::SQLITE Threads::Threads)
	orgdeck_add_test(NAME server_${name} COMMAND test_server_${name}
		LABELS server)
endforeach()
