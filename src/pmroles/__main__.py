from pmroles.entry import main

main()
