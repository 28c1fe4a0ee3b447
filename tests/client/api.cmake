# Tests of the API client (src/client/api*.c).  test_api_wire runs against
# misbehaving loopback sockets inside the test; the others against a real
# orgdeckd started by tests/support/server.c.
add_executable(test_api_wire
	${CMAKE_CURRENT_LIST_DIR}/test_api_wire.c
	${CMAKE_CURRENT_LIST_DIR}/test_api_wire_server.c)
target_link_libraries(test_api_wire PRIVATE orgdeck-client
	PkgConfig::CRITERION Threads::Threads)
orgdeck_add_test(NAME client_api_wire COMMAND test_api_wire LABELS client)

foreach(name people resources server)
	add_executable(test_api_${name}
		${CMAKE_CURRENT_LIST_DIR}/test_api_${name}.c
		${CMAKE_CURRENT_LIST_DIR}/test_api_fixture.c)
	target_link_libraries(test_api_${name} PRIVATE orgdeck-client
		orgdeck-testsupport)
	orgdeck_add_test(NAME client_api_${name} COMMAND test_api_${name}
		LABELS client)
endforeach()
