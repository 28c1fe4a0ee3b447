# Tests of orgdeckd's API keys, connections, secrets, AuthKit and activity,
# and of the product description's permission tables over HTTP.  Each runs
# against a real orgdeckd with a cast of people built by crew.c.
add_library(orgdeck-crew STATIC ${CMAKE_CURRENT_LIST_DIR}/crew.c)
target_link_libraries(orgdeck-crew PUBLIC orgdeck-testsupport)

foreach(name matrix keys resources events)
	add_executable(test_server_${name}
		${CMAKE_CURRENT_LIST_DIR}/test_${name}.c)
	target_link_libraries(test_server_${name} PRIVATE orgdeck-crew)
	orgdeck_add_test(NAME server_${name} COMMAND test_server_${name}
		LABELS server)
endforeach()
