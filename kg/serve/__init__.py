"""`kg serve`: a read-only SPARQL 1.1 Protocol endpoint over a build folder's store, with the graph page
and a query page. The web application is kg.serve.app; queries run in kg.serve.worker processes, which
a query that runs too long is stopped with. Nothing is imported here, so that a worker starts light."""
