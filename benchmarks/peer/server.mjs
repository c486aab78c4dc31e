// The peer of `scripts/bench peer`: @neo4j/graphql 7 served by graphql-yoga on
// 127.0.0.1, over the same Neo4j as graphsvc. Type definitions come from the
// benchmark (generated from graphsvc's model) in PEER_TYPEDEFS; Bolt sockets get
// TCP_NODELAY, as graphsvc's Python driver does, so the comparison is fair.
import net from "node:net";
import { readFileSync } from "node:fs";
import { createServer } from "node:http";
import { createYoga } from "graphql-yoga";
import { Neo4jGraphQL } from "@neo4j/graphql";
import neo4j from "neo4j-driver";

const connect = net.Socket.prototype.connect;
net.Socket.prototype.connect = function (...args) {
  this.once("connect", () => this.setNoDelay(true));
  return connect.apply(this, args);
};

const typeDefs = readFileSync(process.env.PEER_TYPEDEFS, "utf8");
const driver = neo4j.driver(process.env.PEER_NEO4J_URI, neo4j.auth.basic("neo4j", process.env.PEER_NEO4J_PASSWORD || "none"));
const schema = await new Neo4jGraphQL({ typeDefs, driver }).getSchema();
const yoga = createYoga({ schema, graphiql: false, logging: false });
const server = createServer({ noDelay: true }, yoga);
server.listen(Number(process.env.PEER_PORT), "127.0.0.1", () => console.log("ready"));
