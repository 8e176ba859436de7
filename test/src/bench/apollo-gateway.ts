// The peer a user would otherwise pick: Apollo Gateway 2.x with its standard server (@apollo/server
// standalone), no authentication, in front of the same subgraph processes. It forwards the caller's
// gateway-signed actor assertion as is, so subgraphs do the same work for both gateways.
// Usage (bench/peer.ts spawns it): SUBGRAPH_URLS="cameras=http://…,registrations=…" PORT=0 tsx apollo-gateway.ts
import { readFileSync } from 'node:fs';
import { ApolloGateway, RemoteGraphQLDataSource } from '@apollo/gateway';
import { ApolloServer } from '@apollo/server';
import { startStandaloneServer } from '@apollo/server/standalone';
import { ACTOR_HEADER } from '@hub/auth';

const urls = Object.fromEntries(
  (process.env.SUBGRAPH_URLS ?? '')
    .split(',')
    .filter(Boolean)
    .map((p) => p.split('=') as [string, string]),
);
const supergraphSdl = readFileSync(new URL('../../../schema/supergraph.graphql', import.meta.url), 'utf8');
type Ctx = { assertion?: string };

const gateway = new ApolloGateway({
  supergraphSdl,
  buildService: ({ name, url }) =>
    new RemoteGraphQLDataSource<Ctx>({
      url: urls[name] ?? url,
      willSendRequest({ request, context }) {
        if (context.assertion) request.http?.headers.set(ACTOR_HEADER, context.assertion);
      },
    }),
});
const server = new ApolloServer<Ctx>({ gateway });
const { url } = await startStandaloneServer(server, {
  listen: { port: Number(process.env.PORT ?? 0), host: '127.0.0.1' },
  context: async ({ req }) => ({ assertion: req.headers[ACTOR_HEADER] as string | undefined }),
});
process.stdout.write(`ready ${url}\n`); // the standalone server answers GraphQL at /
const stop = async () => {
  await server.stop();
  process.exit(0);
};
process.once('SIGTERM', () => void stop());
process.once('SIGINT', () => void stop());
