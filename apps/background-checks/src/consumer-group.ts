/** The service's one consumer group (its reactions and the order process), and its processed-events stream `processed-background-checks`. */
export const CONSUMER_GROUP = 'background-checks';
