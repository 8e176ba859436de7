// Schema privacy: in production the schema is not handed out — no introspection. (GraphiQL is a
// runtime option, off with the same flag in index.ts.)
import type { GatewayPlugin } from '@graphql-hive/gateway-runtime';
import { useDisableIntrospection } from '@envelop/disable-introspection';

export interface SchemaPrivacyOptions {
  /** Hide the schema. Default: NODE_ENV === 'production'. */
  production?: boolean;
}

export function useSchemaPrivacy(opts: SchemaPrivacyOptions = {}): GatewayPlugin {
  const production = opts.production ?? process.env.NODE_ENV === 'production';
  return {
    onPluginInit({ addPlugin }) {
      if (production) addPlugin(useDisableIntrospection() as never);
    },
  };
}
