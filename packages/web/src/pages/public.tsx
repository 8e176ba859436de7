export function PublicPage({ municipality }: { municipality: string }) { return <h1>{municipality}</h1>; }
